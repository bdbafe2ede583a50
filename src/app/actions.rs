//! What the panels ask the window to do. Panels read the document and push
//! actions; only the [`App`](super::App) changes anything, so every change
//! to the annotations is a transaction in the document's history.

use quotecheck_core::format::export::Target;
use quotecheck_core::model::Transaction;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Apply(Transaction),
    /// Select a quote (or none); `reveal` scrolls the other view to it.
    SelectQuote {
        id: Option<String>,
        reveal: Reveal,
    },
    SelectEntity(Option<String>),
    /// Article chars the person dragged over.
    SelectText(Option<(usize, usize)>),
    /// Make an entity the speaker of the selected quote.
    SpeakerFromText(String),
    NextQuote,
    PreviousQuote,
    AcceptQuote,
    RejectQuote,
    Undo,
    Redo,
    Open,
    OpenByPath,
    OpenFolder,
    /// Write the document in front in another tool's format.
    Export(Target),
    /// Folder queue: move to the next, previous or a given article.
    NextArticle,
    PreviousArticle,
    GoToArticle(usize),
    /// Folder queue: mark the article reviewed, save it and move on.
    MarkDone,
    Save,
    SaveAs,
    SaveToPath,
    Close,
    Quit,
    SwitchTo(usize),
    CancelLoading,
    TextSize(f32),
}

/// Which view scrolls to a newly selected quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// Selected in the text: scroll the quotes list.
    InPanel,
    /// Selected in the list or by key: scroll the text.
    InText,
    /// Both (keyboard navigation).
    Both,
}
