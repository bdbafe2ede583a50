//! Where work leaves the window: choosing files, saving (never over a file
//! unasked), exporting, and closing documents or the window without losing
//! anything unsaved.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::dialogs::{Answer, FilePurpose, NativeDialog, PathPrompt, ProblemReport, Question};
use super::document::OpenDocument;
use super::{App, Closing};
use quotecheck_core::format::export::Target;
use quotecheck_core::model::Intent;
use quotecheck_core::queue::ItemStatus;

impl App {
    // --- Choosing a file. ---

    pub(super) fn path_prompt_for(&self, purpose: FilePurpose, note: Option<String>) -> PathPrompt {
        let path = self
            .suggested_path(purpose)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        PathPrompt {
            purpose,
            path,
            note,
        }
    }

    /// Where a file chosen for `purpose` starts: nothing to open, and for
    /// writing the document's own file or a name beside its article.
    fn suggested_path(&self, purpose: FilePurpose) -> Option<PathBuf> {
        match purpose {
            FilePurpose::Open | FilePurpose::OpenFolder | FilePurpose::CompareWith(_) => None,
            FilePurpose::SaveAs(uid) => self
                .document_by_uid(uid)
                .map(|i| suggested_save_path(&self.documents[i])),
            FilePurpose::Export(uid, target) => self.document_by_uid(uid).map(|i| {
                suggested_save_path(&self.documents[i]).with_extension(target.extension())
            }),
        }
    }

    /// Asks for a file for `purpose`: in the system's dialog where there is
    /// one, else in the window's path field.
    pub(super) fn ask_for_path(&mut self, ctx: &egui::Context, purpose: FilePurpose) {
        if self.native_dialog.is_some() || self.path_prompt.is_some() {
            return;
        }
        if !self.native_dialogs {
            self.path_prompt = Some(self.path_prompt_for(purpose, None));
            return;
        }
        let suggested = self.suggested_path(purpose);
        let ctx = ctx.clone();
        self.native_dialog = Some(NativeDialog::start(purpose, suggested, move || {
            ctx.request_repaint()
        }));
    }

    pub(super) fn path_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open if path.is_dir() => self.open_folder(&path),
            FilePurpose::Open => self.open(path),
            FilePurpose::OpenFolder => self.open_folder(&path),
            FilePurpose::SaveAs(uid) => self.save_to(uid, path, false),
            FilePurpose::Export(uid, target) => self.export_to(uid, target, path, false),
            FilePurpose::CompareWith(uid) => self.compare_with(uid, &path),
        }
    }

    // --- Saving, exporting and closing. ---

    pub(super) fn save(&mut self, ctx: &egui::Context, uid: u64) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        match self.documents[i].save_path.clone() {
            Some(path) => self.save_to(uid, path, false),
            None => self.ask_for_save_path(ctx, uid),
        }
    }

    pub(super) fn ask_for_save_path(&mut self, ctx: &egui::Context, uid: u64) {
        self.ask_for_path(ctx, FilePurpose::SaveAs(uid));
    }

    /// Writes document `uid` to `path`; asks first (unless `confirmed`) when
    /// `path` is some other file that exists, or the document's own file
    /// changed on disk since it was read.
    pub(super) fn save_to(&mut self, uid: u64, path: PathBuf, confirmed: bool) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        let doc = &mut self.documents[i];
        if !confirmed {
            let own = same_file(doc.own_file.as_deref(), &path);
            let question = if path.exists() && !own {
                Some(Question::Overwrite {
                    document: uid,
                    path: path.clone(),
                    export: None,
                })
            } else if own && doc.changed_on_disk() {
                Some(Question::ChangedOnDisk {
                    document: uid,
                    path: path.clone(),
                })
            } else {
                None
            };
            if question.is_some() {
                self.question = question;
                return;
            }
        }
        let written = quotecheck_core::format::save_annotations(
            &path,
            &super::adjudication::stamped(doc.annotations(), self.reviewer.as_deref()),
        );
        match written {
            Ok(()) => {
                doc.mark_saved(&path);
                let status = ItemStatus::of_saved(doc.annotations());
                self.queue_item_saved(uid, status.clone());
                self.pair_saved(&path, status);
                self.tell(Some(uid), format!("Saved to {}", path.display()));
                self.continue_closing();
            }
            Err(e) => {
                self.closing = None;
                // Only say the work is unsaved when it is: a copy that fails
                // to be written elsewhere loses nothing.
                let title = if doc.is_dirty() {
                    format!(
                        "Could not save to {}; the changes are still here, unsaved",
                        path.display()
                    )
                } else {
                    format!(
                        "Could not save to {}; nothing is lost, the work is saved in {}",
                        path.display(),
                        doc.home_file()
                            .map_or_else(|| doc.display_name.clone(), |p| p.display().to_string())
                    )
                };
                self.reports.push(ProblemReport {
                    title,
                    problems: e.problems(),
                });
            }
        }
    }

    /// Takes the next step of closing a document or quitting: close what is
    /// saved, ask about what is not.
    pub(super) fn continue_closing(&mut self) {
        match self.closing {
            None => {}
            Some(Closing::Document(uid)) => {
                if let Some(i) = self.document_by_uid(uid) {
                    if self.documents[i].is_dirty() {
                        self.ask_unsaved(i);
                        return;
                    }
                    self.remove_document(i);
                }
                self.closing = None;
            }
            Some(Closing::Quit) => {
                if let Some(i) = self.documents.iter().position(OpenDocument::is_dirty) {
                    self.ask_unsaved(i);
                } else {
                    self.closing = None;
                    self.quit_confirmed = true;
                }
            }
        }
    }

    fn ask_unsaved(&mut self, i: usize) {
        self.active = i;
        let doc = &self.documents[i];
        self.question = Some(Question::Unsaved {
            document: doc.uid,
            name: doc.display_name.clone(),
        });
    }

    pub(super) fn remove_document(&mut self, i: usize) {
        let removed = self.documents.remove(i);
        if let Some(folder) = &mut self.folder
            && folder.doc == Some(removed.uid)
        {
            folder.doc = None;
        }
        if self.active >= i && self.active > 0 {
            self.active -= 1;
        }
    }

    /// Writes document `uid` in `target`'s format to `path`, asking first
    /// (unless `confirmed`) before replacing a file.
    fn export_to(&mut self, uid: u64, target: Target, path: PathBuf, confirmed: bool) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        if !confirmed && path.exists() {
            self.question = Some(Question::Overwrite {
                document: uid,
                path,
                export: Some(target),
            });
            return;
        }
        let doc = &self.documents[i];
        match quotecheck_core::format::export::export(doc.annotations(), target, &path) {
            Ok(written) => {
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                // Named, as `convert` names it: the first, and how many more.
                let left_out = target.left_out(doc.annotations());
                let left_out = match left_out.as_slice() {
                    [] => String::new(),
                    [first] => format!("; left out of the {}: {first}", target.label()),
                    [first, more @ ..] => format!(
                        "; left out of the {}: {first} and {} more",
                        target.label(),
                        more.len()
                    ),
                };
                self.tell(
                    Some(uid),
                    format!("Exported to {}{left_out}", names.join(" and ")),
                );
            }
            Err(e) => self.reports.push(ProblemReport {
                title: format!("Could not export {}", doc.display_name),
                problems: e.problems(),
            }),
        }
    }

    pub(super) fn answered(&mut self, ctx: &egui::Context, question: Question, answer: Answer) {
        match (question, answer) {
            (
                Question::Overwrite {
                    document,
                    path,
                    export: None,
                }
                | Question::ChangedOnDisk { document, path },
                Answer::Overwrite,
            ) => {
                self.save_to(document, path, true);
            }
            (
                Question::Overwrite {
                    document,
                    path,
                    export: Some(target),
                },
                Answer::Overwrite,
            ) => self.export_to(document, target, path, true),
            (Question::ChangedOnDisk { document, .. }, Answer::SaveAs) => {
                self.ask_for_save_path(ctx, document);
            }
            (Question::Restore { .. }, Answer::Restore) => self.restore_recovered(),
            (Question::Restore { .. }, Answer::Discard) => {
                for snapshot in std::mem::take(&mut self.recovered) {
                    if let Some(autosave) = &self.autosave {
                        autosave.discard(&snapshot);
                    }
                }
            }
            (Question::PendingQuotes { document, .. }, Answer::AcceptPending) => {
                if let Some(i) = self.document_by_uid(document) {
                    let by = self.reviewer.as_deref();
                    if let Err(e) = self.documents[i].apply_by(&Intent::AcceptPendingQuotes, by) {
                        self.tell(
                            Some(document),
                            format!("Could not accept the pending quotes: {e}"),
                        );
                        return;
                    }
                    self.mark_done(true);
                }
            }
            (Question::PendingQuotes { .. }, Answer::LeavePending) => self.mark_done(true),
            (Question::Unsaved { document, .. }, Answer::Save) => self.save(ctx, document),
            (Question::Unsaved { document, .. }, Answer::Discard) => {
                if let Some(i) = self.document_by_uid(document) {
                    self.remove_document(i);
                }
                self.continue_closing();
            }
            _ => self.closing = None,
        }
        if self.quit_confirmed {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }
}

/// Where Save As starts: the file it saves to, or `NAME.json` for the
/// article's name in the current folder.
fn suggested_save_path(doc: &OpenDocument) -> PathBuf {
    doc.save_path.clone().unwrap_or_else(|| {
        quotecheck_core::format::annotation_path_for(Path::new(&doc.annotations().document.name))
    })
}

fn same_file(a: Option<&Path>, b: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    a.is_some_and(|a| a == b || (canonical(a).is_some() && canonical(a) == canonical(b)))
}
