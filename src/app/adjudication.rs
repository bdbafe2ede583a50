//! Settling two reviewers' differences in the window: the comparison beside
//! the adjudicated result (a document like any other, edited with the usual
//! tools), the list of differences, both versions of the one in front side
//! by side, and the agreement figures of `eval --agreement`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use egui::text::LayoutJob;
use egui::{Color32, TextFormat, Ui};

use super::App;
use super::command::Command;
use super::dialogs::ProblemReport;
use super::document::OpenDocument;
use super::request::{Request, Reveal};
use crate::commands::adjudicate::Adjudication;
use quotecheck_core::compare::{
    CompareError, Comparison, Difference, Item, PairQueue, Settled, Side, file_label,
};
use quotecheck_core::eval::{Scores, agreement};
use quotecheck_core::format::load_annotations;
use quotecheck_core::model::{Annotations, Span};
use quotecheck_core::queue::ItemStatus;

/// A's marks in the article excerpts, and B's.
const COLOR_A: Color32 = Color32::from_rgb(70, 130, 220);
const COLOR_B: Color32 = Color32::from_rgb(230, 140, 40);
/// Context shown around a difference, in chars each side.
const CONTEXT: usize = 60;
/// The longest excerpt (mentions of an entity may span the article).
const MAX_EXCERPT: usize = 700;

/// One comparison being settled: its result is the document `doc`.
pub struct Adjudicating {
    pub comparison: Comparison,
    pub doc: u64,
    /// The difference in front.
    pub current: usize,
    /// `eval --agreement` of the two files.
    pub agreement: Scores,
}

impl Adjudicating {
    pub fn new(comparison: Comparison, doc: u64) -> Adjudicating {
        let agreement = agreement(comparison.a(), comparison.b());
        Adjudicating {
            comparison,
            doc,
            current: 0,
            agreement,
        }
    }

    pub fn difference(&self) -> Option<&Difference> {
        self.comparison.differences().get(self.current)
    }

    /// The request that selects, in the result, what difference `i` is
    /// about, so the usual tools act on it.
    pub fn select(&self, i: usize) -> Option<Request> {
        let d = self.comparison.differences().get(i)?;
        Some(if d.aspect.of_quote() {
            Request::SelectQuote {
                id: Some(d.id.clone()),
                reveal: Reveal::Both,
            }
        } else {
            Request::SelectEntity(Some(d.id.clone()))
        })
    }

    /// The next difference after the one in front (before it, going back)
    /// still open in `doc`, else the next one at all.
    pub fn step(&self, doc: &OpenDocument, forward: bool) -> Option<usize> {
        let n = self.comparison.differences().len();
        if n == 0 {
            return None;
        }
        let order: Vec<usize> = (1..=n)
            .map(|k| {
                if forward {
                    (self.current + k) % n
                } else {
                    (self.current + n - k) % n
                }
            })
            .collect();
        let open = |&i: &usize| {
            self.comparison
                .settled(doc.annotations(), &self.comparison.differences()[i])
                == Settled::Open
        };
        order.iter().copied().find(|i| open(i)).or_else(|| {
            let next = if forward {
                self.current + 1
            } else {
                self.current.checked_sub(1)?
            };
            (next < n).then_some(next)
        })
    }
}

/// Differences settled in `doc`: (settled, total).
fn progress(adj: &Adjudicating, doc: &OpenDocument) -> (usize, usize) {
    let cmp = &adj.comparison;
    let open = cmp
        .differences()
        .iter()
        .filter(|d| cmp.settled(doc.annotations(), d) == Settled::Open)
        .count();
    let total = cmp.differences().len();
    (total - open, total)
}

/// The comparison panel under the article.
pub fn ui(
    ui: &mut Ui,
    adj: &Adjudicating,
    doc: &OpenDocument,
    folder: Option<&Scores>,
    requests: &mut Vec<Request>,
) {
    let cmp = &adj.comparison;
    let (settled, total) = progress(adj, doc);
    ui.horizontal_wrapped(|ui| {
        ui.strong("Comparing");
        ui.colored_label(
            COLOR_A,
            format!("A: {} ({})", cmp.name(Side::A), cmp.reviewer(Side::A)),
        );
        ui.colored_label(
            COLOR_B,
            format!("B: {} ({})", cmp.name(Side::B), cmp.reviewer(Side::B)),
        );
        ui.label(format!("{settled} of {total} differences settled"));
    });
    ui.label(agreement_line("This article", &adj.agreement));
    if let Some(folder) = folder {
        ui.label(agreement_line("Both folders", folder));
    }
    ui.horizontal_wrapped(|ui| {
        for command in [
            Command::PreviousDifference,
            Command::NextDifference,
            Command::TakeA,
            Command::TakeB,
            Command::EditDifference,
        ] {
            if command.button(ui, total > 0) {
                requests.push(Request::Run(command));
            }
        }
    });
    if total == 0 {
        ui.label("The two files agree on everything: the result is theirs, done.");
        return;
    }
    if let Some(d) = adj.difference() {
        ui.separator();
        ui.strong(format!(
            "{}: {}",
            d.key(),
            state_text(cmp.settled(doc.annotations(), d))
        ));
        ui.columns(2, |columns| {
            for (column, side) in columns.iter_mut().zip([Side::A, Side::B]) {
                let color = match side {
                    Side::A => COLOR_A,
                    Side::B => COLOR_B,
                };
                column.colored_label(color, format!("{side}: {}", cmp.describe(d, side)));
                let marks = cmp
                    .version(d, side)
                    .map(|item| marked_spans(&item))
                    .unwrap_or_default();
                // Where a side has no such tag, show where the other has it.
                let place = cmp
                    .version(d, Side::A)
                    .or_else(|| cmp.version(d, Side::B))
                    .map(|item| marked_spans(&item))
                    .unwrap_or_default();
                column.label(excerpt(doc.annotations().text(), &place, &marks, color));
            }
        });
        ui.label(format!(
            "Result now: {}",
            cmp.describe_result(doc.annotations(), d)
        ));
    }
    stranded_quotes(ui, doc.annotations());
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("differences")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, d) in cmp.differences().iter().enumerate() {
                let state = cmp.settled(doc.annotations(), d);
                let row = format!(
                    "{} — A: {} · B: {} · {}",
                    d.key(),
                    cmp.describe(d, Side::A),
                    cmp.describe(d, Side::B),
                    state_text(state)
                );
                if ui.selectable_label(i == adj.current, row).clicked() {
                    requests.push(Request::GoToDifference(i));
                }
            }
        });
}

/// Two differences that settle apart can leave a quote kept whose speaker
/// was rejected (A's quote, B's verdict on the entity): said while it can
/// still be settled, since the report would count it as naming nobody.
fn stranded_quotes(ui: &mut Ui, result: &Annotations) {
    let stranded = result.quotes_with_rejected_speaker();
    if stranded.is_empty() {
        return;
    }
    let quotes: Vec<String> = stranded
        .iter()
        .map(|(q, e)| format!("{} ({})", q.id, e.name))
        .collect();
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!(
            "Speaker rejected in the result: {}. The report counts these quotes as naming nobody: settle the entity or their speakers the other way.",
            quotes.join(", ")
        ),
    );
}

fn state_text(state: Settled) -> &'static str {
    match state {
        Settled::Open => "open",
        Settled::As(Side::A) => "settled as A's",
        Settled::As(Side::B) => "settled as B's",
        Settled::Edited => "settled, edited",
        Settled::Gone => "settled, deleted",
    }
}

/// The figures of `eval --agreement`, in one line.
pub fn agreement_line(what: &str, s: &Scores) -> String {
    let mut parts = vec![format!("quotes F1 {:.3}", s.all_f1)];
    if let Some(speaker) = s.speaker_acc {
        parts.push(format!("same speaker {speaker:.3}"));
    }
    if let Some(kind) = s.kind_acc {
        let kappa = s
            .kind_kappa
            .map_or_else(|| "undefined".to_owned(), |k| format!("{k:.3}"));
        parts.push(format!("same kind {kind:.3} (Cohen's kappa {kappa})"));
    }
    if let Some(f1) = s.entity_f1 {
        parts.push(format!("entities F1 {f1:.3}"));
    }
    format!("{what}: {}", parts.join(" · "))
}

/// What of a tag is marked in the text: a quote's content, cue and source,
/// an entity's mentions.
fn marked_spans(item: &Item) -> Vec<Span> {
    match item {
        Item::Quote(q) => q
            .content
            .iter()
            .chain(&q.cue)
            .chain(&q.source)
            .cloned()
            .collect(),
        Item::Entity(e) => e.mentions.clone(),
    }
}

/// The article around `place`, with `marks` on a background of `color`.
fn excerpt(text: &str, place: &[Span], marks: &[Span], color: Color32) -> LayoutJob {
    let chars: Vec<char> = text.chars().collect();
    let first = place
        .iter()
        .chain(marks)
        .map(|s| s.start)
        .min()
        .unwrap_or(0);
    let last = place.iter().chain(marks).map(|s| s.end).max().unwrap_or(0);
    let from = first.saturating_sub(CONTEXT);
    let to = (last + CONTEXT).min(chars.len()).min(from + MAX_EXCERPT);
    let mut job = LayoutJob::default();
    let plain = TextFormat::default();
    let marked = TextFormat {
        background: color.gamma_multiply(0.45),
        ..Default::default()
    };
    if from > 0 {
        job.append("…", 0.0, plain.clone());
    }
    let mut run = String::new();
    let mut run_marked = false;
    for (pos, &c) in chars.iter().enumerate().take(to).skip(from) {
        let is_marked = marks.iter().any(|s| s.start <= pos && pos < s.end);
        if is_marked != run_marked && !run.is_empty() {
            let format = if run_marked { &marked } else { &plain };
            job.append(&std::mem::take(&mut run), 0.0, format.clone());
        }
        run_marked = is_marked;
        run.push(if c == '\n' { ' ' } else { c });
    }
    let format = if run_marked { &marked } else { &plain };
    job.append(&run, 0.0, format.clone());
    if to < chars.len() {
        job.append("…", 0.0, plain);
    }
    job
}

/// The queue of articles two folders share, in the left panel.
pub fn queue_ui(ui: &mut Ui, queue: &PairQueue, requests: &mut Vec<Request>) {
    let (done, total) = queue.progress();
    ui.strong("Adjudicating");
    ui.label(format!("{done} of {total} done"));
    ui.add(egui::ProgressBar::new(if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    }));
    if !queue.left_out.is_empty() {
        let n = queue.left_out.len();
        ui.label(format!(
            "{n} {} left out",
            if n == 1 { "file" } else { "files" }
        ))
        .on_hover_text(queue.left_out.join("\n"));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("pair queue")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, item) in queue.items.iter().enumerate() {
                let status = match &item.status {
                    ItemStatus::NotStarted => "not started",
                    ItemStatus::InProgress => "in progress",
                    ItemStatus::Done => "done",
                    ItemStatus::Unreadable(_) => "unreadable",
                };
                let n = item.differences;
                let noun = if n == 1 { "difference" } else { "differences" };
                let row = format!("{} · {n} {noun} · {status}", item.name);
                if ui.selectable_label(i == queue.current, row).clicked() {
                    requests.push(Request::GoToPair(i));
                }
            }
        });
}

/// Asks who is reviewing; the name goes with every decision.
#[derive(Debug, Default)]
pub struct NamePrompt {
    pub name: String,
    /// The name field was given the keyboard when the prompt opened: asked
    /// once, not every frame, since asking again whenever the field lacks
    /// focus kept the window repainting without end at the first start.
    focused: bool,
}

impl NamePrompt {
    /// The prompt with `name` filled in (to change it).
    pub fn with_name(name: String) -> NamePrompt {
        NamePrompt {
            name,
            focused: false,
        }
    }
}

pub enum NamePromptEnd {
    /// The name (none: the person would rather not give one).
    Named(Option<String>),
    Cancelled,
}

impl NamePrompt {
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<NamePromptEnd> {
        let mut end = None;
        egui::Modal::new(egui::Id::unique("reviewer name")).show(ctx, |ui| {
            ui.heading("Who is reviewing?");
            ui.label(
                "Your name is saved as the file's annotator and beside every quote \
                 and entity you decide on, so two reviewers' work can be compared.",
            );
            let label = ui.label("Your name:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(300.0))
                .labelled_by(label.id);
            if !std::mem::replace(&mut self.focused, true) {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let name = self.name.trim();
                if ui
                    .add_enabled(!name.is_empty(), egui::Button::new("Use this name"))
                    .clicked()
                    || (entered && !name.is_empty())
                {
                    end = Some(NamePromptEnd::Named(Some(name.to_owned())));
                }
                if ui.button("No name").clicked() {
                    end = Some(NamePromptEnd::Named(None));
                }
                if ui.button("Cancel").clicked() {
                    end = Some(NamePromptEnd::Cancelled);
                }
            });
        });
        end
    }
}

impl App {
    /// Opens what `quotecheck adjudicate` prepared: one comparison, or the
    /// queue of two folders' articles at its first.
    pub fn adjudicate(&mut self, adjudication: Adjudication) {
        match adjudication {
            Adjudication::Files { comparison, output } => self.open_comparison(*comparison, output),
            Adjudication::Folders(queue) => {
                self.pairs = Some(*queue);
                self.go_to_pair(0);
            }
        }
    }

    /// The two folders being adjudicated, if any.
    pub fn pair_queue(&self) -> Option<&PairQueue> {
        self.pairs.as_ref()
    }

    /// The comparison whose result is the document in front.
    pub fn adjudicating(&self) -> Option<&Adjudicating> {
        let uid = self.document()?.uid;
        self.adjudications.iter().find(|a| a.doc == uid)
    }

    /// The comparison's result as a document, from `output` where that is
    /// this comparison's result saved earlier (work goes on where it
    /// stopped), else as it starts; Save writes to `output`.
    pub(super) fn open_comparison(&mut self, comparison: Comparison, output: Option<PathBuf>) {
        let start = comparison.result().clone();
        let fresh = |output: Option<PathBuf>| {
            let name = output
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| format!("{} (adjudicated)", start.document.name));
            let mut doc = OpenDocument::new(start.clone(), name);
            doc.save_path = output;
            doc
        };
        let doc = match output.as_deref().filter(|p| p.exists()) {
            None => fresh(output),
            Some(path) => match load_annotations(path) {
                Ok(saved)
                    if saved.review.adjudication.is_some()
                        && saved.document.sha256 == start.document.sha256 =>
                {
                    let name = file_label(path);
                    let mut doc = OpenDocument::new(saved, name);
                    doc.mark_saved(path);
                    doc
                }
                Ok(_) => {
                    self.reports.push(ProblemReport {
                        title: format!("{} is kept as it is", path.display()),
                        problems: vec![
                            "It is not an adjudication of these two files; the result starts afresh and Save asks where it goes.".to_owned(),
                        ],
                    });
                    fresh(None)
                }
                Err(e) => {
                    let mut problems = e.problems();
                    problems
                        .push("The result starts afresh and Save asks where it goes.".to_owned());
                    self.reports.push(ProblemReport {
                        title: format!("Could not read {}", path.display()),
                        problems,
                    });
                    fresh(None)
                }
            },
        };
        let uid = doc.uid;
        self.documents.push(doc);
        self.active = self.documents.len() - 1;
        let mut adjudicating = Adjudicating::new(comparison, uid);
        // The first difference still open (work saved earlier goes on there).
        if let Some(doc) = self.document() {
            let cmp = &adjudicating.comparison;
            adjudicating.current = cmp
                .differences()
                .iter()
                .position(|d| cmp.settled(doc.annotations(), d) == Settled::Open)
                .unwrap_or(0);
        }
        self.adjudications.push(adjudicating);
        self.select_difference();
    }

    /// Compares document `uid` with another reviewer's file of it.
    pub(super) fn compare_with(&mut self, uid: u64, path: &Path) {
        let Some(i) = self.document_by_uid(uid) else {
            return;
        };
        let doc = &self.documents[i];
        let name = doc
            .home_file()
            .map_or_else(|| doc.display_name.clone(), file_label);
        let compared = load_annotations(path)
            .map_err(CompareError::from)
            .and_then(|other| {
                Comparison::new(doc.annotations().clone(), other, [name, file_label(path)])
            });
        match compared {
            Ok(comparison) => self.open_comparison(comparison, None),
            Err(e) => self.reports.push(ProblemReport {
                title: "Cannot compare these files".to_owned(),
                problems: e.problems(),
            }),
        }
    }

    /// Opens the pair at place `i` of the folders' queue (or brings its
    /// result to the front where it is open already).
    pub(super) fn go_to_pair(&mut self, i: usize) {
        let Some(queue) = &mut self.pairs else {
            return;
        };
        let Some(item) = queue.items.get(i).cloned() else {
            return;
        };
        queue.current = i;
        let open = self.documents.iter().position(|d| {
            item.out.is_some()
                && d.save_path.as_deref() == item.out.as_deref()
                && self.adjudications.iter().any(|a| a.doc == d.uid)
        });
        if let Some(at) = open {
            self.active = at;
            return;
        }
        match Comparison::load(&item.a, &item.b) {
            Ok(comparison) => self.open_comparison(comparison, item.out),
            Err(e) => self.reports.push(ProblemReport {
                title: format!("Cannot compare the two files of {}", item.name),
                problems: e.problems(),
            }),
        }
    }

    /// After a save to `path`: the folders' queue shows the new status.
    pub(super) fn pair_saved(&mut self, path: &Path, status: ItemStatus) {
        if let Some(queue) = &mut self.pairs
            && let Some(item) = queue
                .items
                .iter_mut()
                .find(|i| i.out.as_deref() == Some(path))
        {
            item.status = status;
        }
    }

    /// Selects, in the result, what the difference in front is about.
    fn select_difference(&mut self) {
        let request = self.adjudicating().and_then(|a| a.select(a.current));
        match request {
            Some(Request::SelectQuote { id, .. }) => {
                if let Some(doc) = self.documents.get_mut(self.active) {
                    let start = id
                        .as_deref()
                        .and_then(|id| doc.annotations().quote_index(id))
                        .map(|i| doc.annotations().quotes[i].start());
                    doc.selection.quote = id;
                    self.scroll_text_to = start;
                    self.reveal_in_panel = true;
                }
            }
            Some(Request::SelectEntity(id)) => {
                if let Some(doc) = self.documents.get_mut(self.active) {
                    let start = id
                        .as_deref()
                        .and_then(|id| doc.annotations().entity(id))
                        .and_then(|e| e.mentions.first())
                        .map(|m| m.start);
                    doc.selection.entity = id;
                    self.scroll_text_to = start.or(self.scroll_text_to);
                }
            }
            _ => {}
        }
    }

    /// Puts difference `i` in front and selects what it is about.
    pub(super) fn go_to_difference(&mut self, i: usize) {
        let uid = self.document().map(|d| d.uid);
        if let Some(adj) = self.adjudications.iter_mut().find(|a| Some(a.doc) == uid)
            && i < adj.comparison.differences().len()
        {
            adj.current = i;
            self.select_difference();
        }
    }

    /// Whether an adjudication command can do anything now.
    pub(super) fn can_adjudicate(&self) -> bool {
        self.adjudicating()
            .is_some_and(|a| !a.comparison.differences().is_empty())
    }

    /// Steps through the differences, takes a side's version, or settles
    /// one for editing by hand.
    pub(super) fn run_adjudication_command(&mut self, command: Command) {
        let Some((adj, doc)) = self.adjudicating().zip(self.document()) else {
            return;
        };
        let Some(d) = adj.difference() else {
            return;
        };
        let intent = match command {
            Command::NextDifference | Command::PreviousDifference => {
                if let Some(i) = adj.step(doc, command == Command::NextDifference) {
                    self.go_to_difference(i);
                }
                return;
            }
            Command::TakeA => adj.comparison.take(doc.annotations(), d, Side::A),
            Command::TakeB => adj.comparison.take(doc.annotations(), d, Side::B),
            _ => Some(adj.comparison.settle_by_hand(d)),
        };
        let Some(intent) = intent else {
            self.tell(
                self.document().map(|d| d.uid),
                "Not changed: the result no longer holds this tag".to_owned(),
            );
            return;
        };
        self.edit(&intent);
        if command == Command::EditDifference {
            // The usual tools act on the selection.
            self.select_difference();
            return;
        }
        let next = self
            .adjudicating()
            .zip(self.document())
            .and_then(|(adj, doc)| {
                let i = adj.step(doc, true)?;
                let open = adj
                    .comparison
                    .settled(doc.annotations(), &adj.comparison.differences()[i])
                    == Settled::Open;
                open.then_some(i)
            });
        match next {
            Some(i) => self.go_to_difference(i),
            None => self.select_difference(),
        }
    }

    /// How each difference stands in the result now, when adjudicating.
    pub(super) fn settlements(&self) -> Option<Vec<Settled>> {
        let (adj, doc) = self.adjudicating().zip(self.document())?;
        let cmp = &adj.comparison;
        Some(
            (cmp.differences().iter())
                .map(|d| cmp.settled(doc.annotations(), d))
                .collect(),
        )
    }

    /// After an undo or redo: the first difference it settled or opened
    /// again comes to the front, so that the next `1` or `2` acts on it.
    pub(super) fn bring_changed_difference(&mut self, before: Option<Vec<Settled>>) {
        let (Some(before), Some(after)) = (before, self.settlements()) else {
            return;
        };
        if let Some(i) = (before.iter().zip(&after)).position(|(b, a)| b != a) {
            self.go_to_difference(i);
        }
    }

    /// A name was given (or refused) in the prompt.
    pub(super) fn reviewer_named(&mut self, name: Option<String>) {
        self.reviewer = name;
        self.reviewer_known = true;
    }
}

/// The annotations as they are saved: the window's reviewer as annotator.
pub fn stamped<'a>(annotations: &'a Annotations, reviewer: Option<&str>) -> Cow<'a, Annotations> {
    match reviewer {
        Some(name) if annotations.review.annotator.as_deref() != Some(name) => {
            let mut stamped = annotations.clone();
            stamped.review.annotator = Some(name.to_owned());
            Cow::Owned(stamped)
        }
        _ => Cow::Borrowed(annotations),
    }
}
