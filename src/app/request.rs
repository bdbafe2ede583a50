//! What the views ask the window to do. Views read the document and push
//! requests; only the [`App`](super::App) changes anything, after drawing,
//! so every change to the annotations is an intent carried out through the
//! document's history.

use quotecheck_core::model::Intent;

use super::Settings;
use super::command::Command;
use super::document::OpenDocument;
use super::people::FolderPeople;

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Invoke a command, as its shortcut or menu entry would.
    Run(Command),
    /// Change the document in front.
    Edit(Intent),
    /// Select a quote (or none); `reveal` scrolls the other view to it.
    SelectQuote {
        id: Option<String>,
        reveal: Reveal,
    },
    SelectEntity(Option<String>),
    /// Article chars the person dragged over.
    SelectText(Option<(usize, usize)>),
    /// Bring the open document with this uid to the front.
    ShowDocument(u64),
    /// Folder queue: open the article at this place of the queue.
    GoToArticle(usize),
    /// Stop opening the files still being read.
    CancelLoading,
    /// Adjudicating: put this difference in front.
    GoToDifference(usize),
    /// Adjudicating two folders: open the article at this place.
    GoToPair(usize),
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

/// What every view of a document is given: the document, the settings,
/// one-shot scroll requests, and where to put its requests.
pub struct ViewContext<'a> {
    pub doc: &'a OpenDocument,
    pub settings: &'a Settings,
    /// Scroll the article so this char shows (once).
    pub scroll_text_to: Option<usize>,
    /// Scroll the quotes list to the selected quote (once).
    pub reveal_in_list: bool,
    /// The people of the folder the document belongs to, when it is an
    /// article of the folder under review.
    pub people: Option<&'a FolderPeople>,
    pub requests: &'a mut Vec<Request>,
}

impl ViewContext<'_> {
    pub fn request(&mut self, request: Request) {
        self.requests.push(request);
    }

    pub fn edit(&mut self, intent: Intent) {
        self.requests.push(Request::Edit(intent));
    }

    pub fn run(&mut self, command: Command) {
        self.requests.push(Request::Run(command));
    }
}
