//! Carrying out what the views and the keyboard asked for: every
//! [`Command`] in one exhaustive `match`, and every edit as an intent
//! against the document in front, through its history.

use egui::ViewportCommand;

use super::command::Command;
use super::dialogs::{FilePurpose, ProblemReport};
use super::request::{Request, Reveal};
use super::{App, Closing, Settings, TEXT_SIZES};
use quotecheck_core::model::{Annotations, Created, Intent, Status};

impl App {
    pub(super) fn handle(&mut self, ctx: &egui::Context, request: Request) {
        match request {
            Request::Run(command) => {
                if self.can_run(command) {
                    self.run_command(ctx, command);
                }
            }
            Request::Edit(intent) => self.edit(&intent),
            Request::SelectQuote { id, reveal } => self.select_quote(id, reveal),
            Request::SelectEntity(id) => {
                if let Some(doc) = self.documents.get_mut(self.active) {
                    doc.selection.entity = id;
                }
            }
            Request::SelectText(range) => {
                if let Some(doc) = self.documents.get_mut(self.active) {
                    doc.selection.text = range;
                }
            }
            Request::ShowDocument(uid) => {
                if let Some(i) = self.document_by_uid(uid) {
                    self.active = i;
                }
            }
            Request::GoToArticle(i) => self.go_to_article(|_| i),
            Request::GoToDifference(i) => self.go_to_difference(i),
            Request::GoToPair(i) => self.go_to_pair(i),
            Request::CancelLoading => {
                // Dropping a job stops its work.
                self.loads.clear();
                self.folder_job = None;
                if let Some(folder) = &mut self.folder {
                    folder.loading = false;
                }
            }
        }
    }

    /// Whether `command` can do anything now (menus grey out the rest).
    pub fn can_run(&self, command: Command) -> bool {
        let has_doc = self.document().is_some();
        let history = self.document().map(|d| d.history());
        let folder = self.folder.as_ref().filter(|f| !f.loading);
        match command {
            Command::Open
            | Command::OpenByPath
            | Command::OpenFolder
            | Command::Quit
            | Command::ReviewerName => true,
            Command::CompareWith => has_doc,
            Command::NextDifference
            | Command::PreviousDifference
            | Command::TakeA
            | Command::TakeB
            | Command::EditDifference => self.can_adjudicate(),
            Command::Save
            | Command::SaveAs
            | Command::SaveToPath
            | Command::Export(_)
            | Command::Close
            | Command::AcceptQuote
            | Command::RejectQuote
            | Command::NextQuote
            | Command::PreviousQuote
            | Command::ClearSelection => has_doc,
            Command::Undo => history.is_some_and(|h| h.can_undo()),
            Command::Redo => history.is_some_and(|h| h.can_redo()),
            Command::NextArticle => {
                folder.is_some_and(|f| f.queue.current + 1 < f.queue.items.len())
            }
            Command::PreviousArticle => folder.is_some_and(|f| f.queue.current > 0),
            Command::MarkDone => folder.is_some_and(|f| f.doc.is_some()),
            Command::SetGender(_)
            | Command::ConfirmEntity
            | Command::LinkRegistry
            | Command::AddToRegistry => self.can_run_people(command),
            Command::LargerText => self.settings.text_size < *TEXT_SIZES.end(),
            Command::SmallerText => self.settings.text_size > *TEXT_SIZES.start(),
            Command::LeastSureFirst => true,
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let uid = self.document().map(|d| d.uid);
        match command {
            Command::Open => self.ask_for_path(ctx, FilePurpose::Open),
            Command::OpenFolder => self.ask_for_path(ctx, FilePurpose::OpenFolder),
            Command::OpenByPath => {
                self.path_prompt = Some(self.path_prompt_for(FilePurpose::Open, None));
            }
            Command::Save => {
                if let Some(uid) = uid {
                    self.save(ctx, uid);
                }
            }
            Command::SaveAs => {
                if let Some(uid) = uid {
                    self.ask_for_save_path(ctx, uid);
                }
            }
            Command::SaveToPath => {
                if let Some(uid) = uid {
                    self.path_prompt = Some(self.path_prompt_for(FilePurpose::SaveAs(uid), None));
                }
            }
            Command::Export(target) => {
                if let Some(uid) = uid {
                    self.ask_for_path(ctx, FilePurpose::Export(uid, target));
                }
            }
            Command::Close => {
                if let Some(uid) = uid {
                    self.closing = Some(Closing::Document(uid));
                    self.continue_closing();
                }
            }
            Command::Quit => {
                self.closing = Some(Closing::Quit);
                self.continue_closing();
                if self.quit_confirmed {
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
            Command::Undo | Command::Redo => {
                let settlements = self.settlements();
                let Some(doc) = self.documents.get_mut(self.active) else {
                    return;
                };
                let result = if command == Command::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                let uid = doc.uid;
                if matches!(result, Ok(true)) {
                    self.forget_note_about(uid);
                    self.bring_changed_difference(settlements);
                }
                if let Err(e) = result {
                    self.reports.push(ProblemReport {
                        title: format!("Could not {}", command.label().to_lowercase()),
                        problems: vec![
                            e.to_string(),
                            "The step is kept; nothing was changed.".to_owned(),
                        ],
                    });
                }
            }
            Command::AcceptQuote | Command::RejectQuote => {
                let status = if command == Command::AcceptQuote {
                    Status::Accepted
                } else {
                    Status::Rejected
                };
                let selected = self.document().and_then(|d| d.selection.quote.clone());
                if let Some(quote) = selected {
                    self.edit(&Intent::SetQuoteStatus { quote, status });
                    // Deciding moves on, so a whole article goes by key.
                    self.step_quote(true);
                }
            }
            Command::NextQuote => self.step_quote(true),
            Command::PreviousQuote => self.step_quote(false),
            Command::ClearSelection => {
                if let Some(doc) = self.documents.get_mut(self.active) {
                    doc.selection = Default::default();
                }
            }
            Command::CompareWith => {
                if let Some(uid) = uid {
                    self.ask_for_path(ctx, FilePurpose::CompareWith(uid));
                }
            }
            Command::ReviewerName => {
                self.name_prompt = Some(super::adjudication::NamePrompt::with_name(
                    self.reviewer.clone().unwrap_or_default(),
                ));
            }
            Command::NextDifference
            | Command::PreviousDifference
            | Command::TakeA
            | Command::TakeB
            | Command::EditDifference => self.run_adjudication_command(command),
            Command::SetGender(_)
            | Command::ConfirmEntity
            | Command::LinkRegistry
            | Command::AddToRegistry => self.run_people_command(command),
            Command::NextArticle => self.go_to_article(|at| at + 1),
            Command::PreviousArticle => self.go_to_article(|at| at.wrapping_sub(1)),
            Command::MarkDone => self.mark_done(false),
            Command::LeastSureFirst => {
                self.settings.least_sure_first = !self.settings.least_sure_first;
                if let Some(folder) = &mut self.folder {
                    folder.queue.order(self.settings.least_sure_first);
                }
            }
            Command::LargerText | Command::SmallerText => {
                let delta = if command == Command::LargerText {
                    1.0
                } else {
                    -1.0
                };
                self.settings.text_size =
                    (self.settings.text_size + delta).clamp(*TEXT_SIZES.start(), *TEXT_SIZES.end());
            }
        }
    }

    /// Carries out `intent` on the document in front; what it creates is
    /// selected, and a refusal is said. A change clears the status bar's
    /// note about the document: an earlier refusal, or "Saved to …", no
    /// longer says how it stands.
    pub(super) fn edit(&mut self, intent: &Intent) {
        let Some(doc) = self.documents.get_mut(self.active) else {
            return;
        };
        let revision = doc.revision();
        let result = doc.apply_by(intent, self.reviewer.as_deref());
        if doc.revision() != revision {
            let uid = doc.uid;
            self.forget_note_about(uid);
        }
        let Some(doc) = self.documents.get_mut(self.active) else {
            return;
        };
        match result {
            Ok(Some(Created::Entity(id))) => doc.selection.entity = Some(id),
            Ok(Some(Created::Quote(id))) => self.select_quote(Some(id), Reveal::InPanel),
            Ok(None) => {}
            Err(e) => {
                let uid = doc.uid;
                self.tell(Some(uid), format!("Not changed: {e}"));
            }
        }
    }

    /// Clears the status bar's note about document `uid`, which a change to
    /// it has made stale (an earlier refusal, "Saved to …").
    fn forget_note_about(&mut self, uid: u64) {
        if self
            .message
            .as_ref()
            .is_some_and(|n| n.document == Some(uid))
        {
            self.message = None;
        }
    }

    fn select_quote(&mut self, id: Option<String>, reveal: Reveal) {
        let Some(doc) = self.documents.get_mut(self.active) else {
            return;
        };
        let start = id
            .as_deref()
            .and_then(|id| doc.annotations().quote_index(id))
            .map(|i| doc.annotations().quotes[i].start());
        doc.selection.quote = id;
        if matches!(reveal, Reveal::InText | Reveal::Both) {
            self.scroll_text_to = start;
        }
        self.reveal_in_panel = matches!(reveal, Reveal::InPanel | Reveal::Both);
    }

    /// Selects the next (or previous) quote in reading order.
    fn step_quote(&mut self, forward: bool) {
        let Some(doc) = self.documents.get(self.active) else {
            return;
        };
        let annotations = doc.annotations();
        let order = quote_order(annotations, &self.settings);
        let at = doc
            .selected_quote()
            .and_then(|i| order.iter().position(|&o| o == i));
        let next = match (at, forward) {
            (None, true) => (!order.is_empty()).then_some(0),
            (None, false) => order.len().checked_sub(1),
            (Some(at), true) => (at + 1 < order.len()).then_some(at + 1),
            (Some(at), false) => at.checked_sub(1),
        };
        if let Some(at) = next {
            let id = annotations.quotes[order[at]].id.clone();
            self.select_quote(Some(id), Reveal::Both);
        }
    }
}

/// The quotes' indices in the order the Quotes panel lists them and
/// Next/Previous step through them: reading order, or least sure first.
pub(super) fn quote_order(annotations: &Annotations, settings: &Settings) -> Vec<usize> {
    if settings.least_sure_first {
        annotations.quotes_least_sure_first()
    } else {
        (0..annotations.quotes.len()).collect()
    }
}
