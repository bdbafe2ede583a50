//! The folder's people in the window: its registry
//! (`quotecheck-registry.json`) read with the folder, the registry's person
//! proposed for an entity, the folder's "Quoted:" figures counted off the
//! window's thread, and a reviewer's registry edits written back when the
//! article is saved.
//!
//! The registry file is shared by everyone reviewing the folder (on a
//! network drive, or through git), so the window never writes the registry
//! as it holds it. At each save it reads the file again, applies only what
//! this article changed since it was loaded or last saved (a three-way
//! merge: the article then, the article now, the registry now) and writes
//! the result atomically. A value someone else changed in the file meanwhile
//! is kept, and the reviewer is told; entries and keys nobody here touched
//! stay exactly as they are in the file. A registry file that does not read
//! is reported when the folder opens and never written.
//!
//! What a reviewer does to an entity stays an edit of the article (an
//! [`Intent`], undoable) until the article is saved; only then does it reach
//! the registry, so undoing a change before saving leaves the registry alone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use quotecheck_core::format::{FileError, load_annotations};
use quotecheck_core::model::{
    Annotations, Attributes, Entity, EntityLabel, GENDER, Intent, Status,
};
use quotecheck_core::quoted::{ArticleFacts, Quoted};
use quotecheck_core::registry::{Entry, Lookup, Match, Registry, name_key};
use quotecheck_core::report::Report;
use serde_json::Map;

use super::App;
use super::command::Command;
use super::dialogs::ProblemReport;
use super::document::OpenDocument;
use super::queue_panel::FolderQueue;

/// What reading a folder found about its people, besides its queue.
pub struct PeopleRead {
    /// Who is quoted in each annotation file that loads.
    pub facts: Vec<ArticleFacts>,
    /// The folder's registry; an empty one when the folder has none yet.
    pub registry: Result<Registry, FileError>,
}

/// Registries held in this run get generations from one counter, so a
/// view's cache never mistakes one folder's registry for another's.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// Each entity's registry link and attributes, by entity id: what a
/// document said when it was loaded or last saved, against which a save
/// finds what the reviewer changed.
type Baseline = HashMap<String, (Option<String>, Attributes)>;

fn baseline_of(doc: &Annotations) -> Baseline {
    doc.entities
        .iter()
        .map(|e| {
            let attributes = e.attributes.clone().unwrap_or_default();
            (e.id.clone(), (e.registry.clone(), attributes))
        })
        .collect()
}

/// What the folder's figures were counted from: the open article at one
/// revision, a registry generation and a version of the saved files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FiguresKey {
    open: Option<(u64, u64)>,
    generation: u64,
    facts: u64,
}

/// The folder's figures being counted on a thread of their own: counting
/// joins each person across thousands of files through the registry.
struct FiguresJob {
    key: FiguresKey,
    receiver: Receiver<Quoted>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The people of the folder under review.
pub struct FolderPeople {
    /// The registry file: `quotecheck-registry.json` in the folder.
    path: PathBuf,
    /// The registry as last read or written, with the entries added here
    /// since; empty when the folder has none yet or it cannot be read.
    /// Shared with the thread counting the figures (as are the facts), so
    /// that starting a count copies nothing on the window's thread.
    registry: Arc<Registry>,
    /// Why the registry file cannot be used; while set, nothing is
    /// proposed from it and nothing is written to it.
    unreadable: Option<Vec<String>>,
    /// Changes whenever `registry` does.
    generation: u64,
    /// Entries added here and not yet in the file.
    added: HashSet<String>,
    /// Who is quoted in each saved annotation file of the folder.
    facts: Arc<Vec<ArticleFacts>>,
    /// Changes whenever `facts` does.
    facts_version: u64,
    /// Per open document (by uid): its entities as last loaded or saved.
    baselines: HashMap<u64, Baseline>,
    figures: Option<(Quoted, FiguresKey)>,
    job: Option<FiguresJob>,
    /// What the last save did to the registry, for the queue panel.
    note: Option<String>,
}

impl FolderPeople {
    /// The people of the folder `dir` as reading it found them; the
    /// problem to report when its registry cannot be read.
    pub fn new(dir: &Path, read: PeopleRead) -> (FolderPeople, Option<ProblemReport>) {
        let path = Registry::path_in(dir);
        let (registry, unreadable) = match read.registry {
            Ok(registry) => (registry, None),
            Err(e) => (Registry::new(), Some(e.problems())),
        };
        let report = unreadable.as_ref().map(|problems| ProblemReport {
            title: format!(
                "The folder's registry {} cannot be read; quotecheck will not change it",
                path.display()
            ),
            problems: problems
                .iter()
                .cloned()
                .chain([
                    "Fix the file (quotecheck check lists every problem) and open the folder again to link people across articles.".to_owned(),
                ])
                .collect(),
        });
        let people = FolderPeople {
            path,
            registry: Arc::new(registry),
            unreadable,
            generation: next_generation(),
            added: HashSet::new(),
            facts: Arc::new(read.facts),
            facts_version: 0,
            baselines: HashMap::new(),
            figures: None,
            job: None,
            note: None,
        };
        (people, report)
    }

    /// The registry, when the folder's file can be used (an empty one when
    /// the folder has none yet).
    pub fn registry(&self) -> Option<&Registry> {
        self.unreadable.is_none().then_some(self.registry.as_ref())
    }

    /// Why the registry file cannot be used.
    pub fn unreadable(&self) -> Option<&[String]> {
        self.unreadable.as_deref()
    }

    /// Changes whenever the registry does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Who is quoted across the folder, once counted.
    pub fn figures(&self) -> Option<Quoted> {
        self.figures.as_ref().map(|(q, _)| *q)
    }

    /// The figures are being counted.
    pub fn counting(&self) -> bool {
        self.job.is_some()
    }

    /// What the last save did to the registry.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Whether the entry `id` was added here and is not in the file yet.
    pub fn is_unsaved_entry(&self, id: &str) -> bool {
        self.added.contains(id)
    }

    /// Takes the counted figures, and counts again when what they were
    /// counted from has changed (one count at a time: edits made during a
    /// count are taken by the next). `open` gives the facts of the article
    /// in front, asked for only when a count starts.
    fn count(
        &mut self,
        key: FiguresKey,
        open: impl FnOnce() -> Option<ArticleFacts>,
        wake: impl FnOnce() + Send + 'static,
    ) {
        if let Some(job) = &mut self.job {
            match job.receiver.try_recv() {
                Ok(quoted) => {
                    self.figures = Some((quoted, job.key));
                    super::loading::finish(&mut job.thread);
                    self.job = None;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => self.job = None,
            }
        }
        if self.figures.as_ref().is_some_and(|(_, k)| *k == key) {
            return;
        }
        let (saved, open) = (self.facts.clone(), open());
        let registry = self.registry.clone();
        let (sender, receiver) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let mut facts = Vec::clone(&saved);
            if let Some(open) = open {
                match facts.iter_mut().find(|f| f.file == open.file) {
                    Some(saved) => *saved = open,
                    None => facts.push(open),
                }
            }
            let quoted = Report::build(&facts, &registry, None).quoted();
            let _ = sender.send(quoted);
            wake();
        });
        self.job = Some(FiguresJob {
            key,
            receiver,
            thread: Some(thread),
        });
    }

    /// After `doc`, known in the folder as `file`, was saved: its figures
    /// count as saved, and what the reviewer changed about linked people
    /// since the last save goes into the registry file. `Ok` holds the
    /// changes not made because someone else changed the same value in the
    /// file meanwhile; `Err` the problems when the registry could not be
    /// read or written, and then the changes are tried again at the next
    /// save.
    fn saved(
        &mut self,
        uid: u64,
        file: &str,
        doc: &Annotations,
    ) -> Result<Vec<String>, Vec<String>> {
        let facts = ArticleFacts::of(file, doc);
        let all = Arc::make_mut(&mut self.facts);
        match all.iter_mut().find(|f| f.file == file) {
            Some(saved) => *saved = facts,
            None => all.push(facts),
        }
        self.facts_version += 1;
        if self.unreadable.is_some() {
            return Ok(Vec::new());
        }
        let empty = Baseline::new();
        let baseline = self.baselines.get(&uid).unwrap_or(&empty);
        let changes = changes(doc, baseline, &self.registry, &self.added);
        if changes.is_empty() {
            self.baselines.insert(uid, baseline_of(doc));
            return Ok(Vec::new());
        }
        let mut disk = Registry::load_or_new(&self.path).map_err(|e| e.problems())?;
        let kept = merge(&mut disk, &changes);
        disk.save(&self.path).map_err(|e| e.problems())?;
        // Entries added here that no saved article links yet stay on offer.
        self.added.retain(|id| disk.entry(id).is_none());
        for id in &self.added {
            if let Some(entry) = self.registry.entry(id) {
                disk.insert(entry.clone());
            }
        }
        self.registry = Arc::new(disk);
        self.generation = next_generation();
        self.baselines.insert(uid, baseline_of(doc));
        let written = changes.len() - kept.len();
        let file_name = self
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        self.note = Some(match kept.len() {
            0 => format!("{file_name}: {written} change(s) written at the last save"),
            n => format!(
                "{file_name}: {written} change(s) written at the last save, {n} kept as someone else left them"
            ),
        });
        Ok(kept)
    }
}

/// One thing a saved article tells the registry.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// An entry the file lacks: one added here, or one a link names that
    /// this registry does not hold (made on another copy of it).
    Add(Entry),
    /// Attribute `key` of entry `id` set to `value` (`None`: removed);
    /// `read` is its value in the registry as this window last read it, to
    /// tell whether someone else changed it since.
    Set {
        id: String,
        name: String,
        key: String,
        value: Option<String>,
        read: Option<String>,
    },
    /// A name the article uses for entry `id`.
    Alias { id: String, alias: String },
}

/// What `doc` changed about the registry's people since `baseline`: for
/// every entity a reviewer linked and did not reject, the attributes that
/// differ from what the entity said at the baseline (or, linked since, from
/// the entry it was linked to), the names it goes by, and whole entries the
/// registry file lacks.
fn changes(
    doc: &Annotations,
    baseline: &Baseline,
    registry: &Registry,
    added: &HashSet<String>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut new_entries: BTreeMap<String, Entry> = BTreeMap::new();
    for e in &doc.entities {
        let Some(id) = &e.registry else { continue };
        if !e.status.is_reviewed()
            || e.status == Status::Rejected
            || !EntityLabel::name_can_speak(&e.label)
        {
            continue;
        }
        let now = e.attributes.clone().unwrap_or_default();
        let known = registry.entry(id);
        let Some(entry) = known.filter(|_| !added.contains(id)) else {
            let entry = new_entries.entry(id.clone()).or_insert_with(|| Entry {
                id: id.clone(),
                name: known.map_or_else(|| e.name.trim().to_owned(), |k| k.name.clone()),
                label: e.label.clone(),
                aliases: Vec::new(),
                attributes: now.clone(),
                extra: Map::new(),
            });
            for name in names_of(e) {
                if !has_name(entry, &name) {
                    entry.aliases.push(name);
                }
            }
            continue;
        };
        let before = match baseline.get(&e.id) {
            Some((Some(was), attributes)) if was == id => attributes,
            _ => &entry.attributes,
        };
        let keys: Vec<&str> = {
            let mut keys: Vec<&str> = now.iter().chain(before.iter()).map(|(k, _)| k).collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        };
        for key in keys {
            let value = now.get(key);
            if value != before.get(key) && value != entry.attributes.get(key) {
                out.push(Change::Set {
                    id: id.clone(),
                    name: entry.name.clone(),
                    key: key.to_owned(),
                    value: value.map(str::to_owned),
                    read: entry.attributes.get(key).map(str::to_owned),
                });
            }
        }
        for alias in names_of(e) {
            if !has_name(entry, &alias) {
                out.push(Change::Alias {
                    id: id.clone(),
                    alias,
                });
            }
        }
    }
    out.extend(new_entries.into_values().map(Change::Add));
    out
}

/// The names an entity goes by in its article: its name and its mentions'
/// texts, each once.
fn names_of(e: &Entity) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in std::iter::once(&e.name).chain(e.mentions.iter().map(|m| &m.text)) {
        let key = name_key(name);
        if !key.is_empty() && !names.iter().any(|n| name_key(n) == key) {
            names.push(name.trim().to_owned());
        }
    }
    names
}

fn has_name(entry: &Entry, name: &str) -> bool {
    let key = name_key(name);
    name_key(&entry.name) == key || entry.aliases.iter().any(|a| name_key(a) == key)
}

/// Applies `changes` to `disk`, the registry file as it is now; returns a
/// sentence for each change not made because someone else changed the same
/// value in the file meanwhile (theirs stays).
fn merge(disk: &mut Registry, changes: &[Change]) -> Vec<String> {
    let mut kept = Vec::new();
    for change in changes {
        match change {
            Change::Add(entry) => {
                if disk.insert(entry.clone()) {
                    continue;
                }
                // Someone else added it meanwhile: theirs stands, ours fills
                // what theirs lacks.
                for (key, value) in entry.attributes.iter() {
                    let theirs = disk.entry(&entry.id).and_then(|d| d.attributes.get(key));
                    match theirs {
                        None => {
                            let _ = disk.set_attribute(&entry.id, key, Some(value));
                        }
                        Some(theirs) if theirs != value => kept.push(format!(
                            "{}: the registry says {key} {theirs:?} (set by someone else meanwhile); this article's {value:?} was not written",
                            entry.name
                        )),
                        Some(_) => {}
                    }
                }
                for alias in std::iter::once(&entry.name).chain(&entry.aliases) {
                    disk.add_alias(&entry.id, alias);
                }
            }
            Change::Set {
                id,
                name,
                key,
                value,
                read,
            } => {
                let Some(entry) = disk.entry(id) else {
                    kept.push(format!(
                        "{name}: no longer in the registry (someone removed {id}); its {key} was not written"
                    ));
                    continue;
                };
                let theirs = entry.attributes.get(key);
                if theirs != read.as_deref() && theirs != value.as_deref() {
                    kept.push(format!(
                        "{name}: the registry says {key} {} (set by someone else meanwhile); this article's {} was not written",
                        shown(theirs),
                        shown(value.as_deref())
                    ));
                    continue;
                }
                if let Err(e) = disk.set_attribute(id, key, value.as_deref()) {
                    kept.push(format!("{name}: {e}"));
                }
            }
            Change::Alias { id, alias } => {
                disk.add_alias(id, alias);
            }
        }
    }
    kept
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| format!("{v:?}"))
}

/// The people of `folder` when `doc` is one of its articles: the queue's
/// article, or a file of the folder opened otherwise.
pub fn people_of<'a>(
    folder: Option<&'a FolderQueue>,
    doc: &OpenDocument,
) -> Option<&'a FolderPeople> {
    folder.filter(|f| in_folder(f, doc)).map(|f| &f.people)
}

fn in_folder(folder: &FolderQueue, doc: &OpenDocument) -> bool {
    folder.doc == Some(doc.uid)
        || doc
            .home_file()
            .and_then(Path::parent)
            .is_some_and(|dir| dir == folder.queue.dir.as_path())
}

/// The name an article goes by among the folder's facts: its annotation
/// file's name without `.json`, as `quotecheck report` names it.
fn file_of(doc: &OpenDocument) -> Option<String> {
    doc.home_file()
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
}

/// A one-line account of an entry: "official, man", or "no attributes".
pub fn entry_summary(entry: &Entry) -> String {
    let a = &entry.attributes;
    let parts: Vec<&str> = [
        a.role.as_deref(),
        a.gender.map(|g| g.as_str()),
        a.kb.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "no attributes".to_owned()
    } else {
        parts.join(", ")
    }
}

// --- How the window uses them. ---

impl App {
    /// Once a frame: baselines for the folder's documents as they open,
    /// and the folder's figures kept up with the article in front.
    pub(super) fn poll_people(&mut self, ctx: &egui::Context) {
        let Some(folder) = &mut self.folder else {
            return;
        };
        let documents = &self.documents;
        let ours: Vec<&OpenDocument> = documents.iter().filter(|d| in_folder(folder, d)).collect();
        let people = &mut folder.people;
        people
            .baselines
            .retain(|uid, _| ours.iter().any(|d| d.uid == *uid));
        for doc in ours {
            if people.baselines.contains_key(&doc.uid) {
                continue;
            }
            // Work restored after a crash is unsaved from the start: what
            // it changed is measured against its file as saved.
            let baseline = if doc.is_dirty() {
                doc.home_file()
                    .filter(|p| p.exists())
                    .and_then(|p| load_annotations(p).ok())
                    .map(|saved| baseline_of(&saved))
                    .unwrap_or_default()
            } else {
                baseline_of(doc.annotations())
            };
            people.baselines.insert(doc.uid, baseline);
        }
        if folder.loading {
            return;
        }
        let open = folder
            .doc
            .and_then(|uid| documents.iter().find(|d| d.uid == uid));
        let key = FiguresKey {
            open: open.map(|d| (d.uid, d.revision())),
            generation: people.generation,
            facts: people.facts_version,
        };
        let open_facts = || {
            let d = open?;
            Some(ArticleFacts::of(&file_of(d)?, d.annotations()))
        };
        let ctx = ctx.clone();
        people.count(key, open_facts, move || ctx.request_repaint());
    }

    /// After document `uid` was saved: when it is an article of the folder,
    /// the folder's figures count it as saved and the registry learns what
    /// the reviewer changed about linked people.
    pub(super) fn people_saved(&mut self, uid: u64) {
        let Some(folder) = &mut self.folder else {
            return;
        };
        let Some(doc) = self.documents.iter().find(|d| d.uid == uid) else {
            return;
        };
        if !in_folder(folder, doc) {
            return;
        }
        let Some(file) = file_of(doc) else {
            return;
        };
        let path = folder.people.path.display().to_string();
        let report = match folder.people.saved(uid, &file, doc.annotations()) {
            Ok(kept) if kept.is_empty() => None,
            Ok(kept) => Some(ProblemReport {
                title: format!("Someone else changed {path} meanwhile; their values stay"),
                problems: kept,
            }),
            Err(mut problems) => {
                problems.push(
                    "The article is saved; the registry is tried again at its next save."
                        .to_owned(),
                );
                Some(ProblemReport {
                    title: format!("Could not update the registry {path}"),
                    problems,
                })
            }
        };
        self.reports.extend(report);
    }

    /// The folder's people, when the document in front is one of its
    /// articles and its registry can be used.
    fn people_in_front(&self) -> Option<&FolderPeople> {
        let doc = self.document()?;
        people_of(self.folder.as_ref(), doc).filter(|p| p.unreadable.is_none())
    }

    /// The selected entity, if it is of a label that can be quoted.
    fn selected_speaker(&self) -> Option<&Entity> {
        let doc = self.document()?;
        let e = &doc.annotations().entities[doc.selected_entity()?];
        EntityLabel::name_can_speak(&e.label).then_some(e)
    }

    /// Linking the selected entity to the person the registry has for it,
    /// when it has exactly one and the entity is not linked yet.
    fn registry_proposal(&self) -> Option<Intent> {
        let registry = self.people_in_front()?.registry()?;
        let entity = self.selected_speaker()?;
        match registry.lookup_entity(entity) {
            Lookup::Found(entry, how) if how != Match::Linked => {
                registry.link(&entity.id, &entry.id)
            }
            _ => None,
        }
    }

    /// Whether the people commands can do anything now.
    pub(super) fn can_run_people(&self, command: Command) -> bool {
        let Some(doc) = self.document() else {
            return false;
        };
        let selected = doc
            .selected_entity()
            .map(|i| &doc.annotations().entities[i]);
        match command {
            Command::SetGender(_) => selected
                .is_some_and(|e| EntityLabel::from_name(&e.label) == Some(EntityLabel::Person)),
            Command::ConfirmEntity => selected.is_some_and(|e| e.status == Status::Pending),
            Command::LinkRegistry => self.registry_proposal().is_some(),
            Command::AddToRegistry => {
                self.people_in_front().is_some()
                    && self
                        .selected_speaker()
                        .is_some_and(|e| e.registry.is_none())
            }
            _ => false,
        }
    }

    /// Runs a command of the Entities panel on the selected entity.
    pub(super) fn run_people_command(&mut self, command: Command) {
        let Some(entity) = self.document().and_then(|d| d.selection.entity.clone()) else {
            return;
        };
        match command {
            Command::SetGender(gender) => self.edit(&Intent::SetAttribute {
                entity,
                key: GENDER.to_owned(),
                value: Some(gender.as_str().to_owned()),
            }),
            Command::ConfirmEntity => self.edit(&Intent::SetEntityStatus {
                entity,
                status: Status::Accepted,
            }),
            Command::LinkRegistry => {
                if let Some(intent) = self.registry_proposal() {
                    self.edit(&intent);
                }
            }
            Command::AddToRegistry => self.add_to_registry(),
            _ => {}
        }
    }

    /// A new entry for the selected entity, linked to it at once; it goes
    /// into the registry file when the article is saved.
    fn add_to_registry(&mut self) {
        let Some(e) = self.selected_speaker().filter(|e| e.registry.is_none()) else {
            return;
        };
        let (entity, name, label) = (e.id.clone(), e.name.clone(), e.label.clone());
        if self.people_in_front().is_none() {
            return;
        }
        let Some(folder) = &mut self.folder else {
            return;
        };
        let people = &mut folder.people;
        let registry = Arc::make_mut(&mut people.registry);
        let id = registry.add(&name, &label);
        people.added.insert(id.clone());
        people.generation = next_generation();
        if let Some(intent) = registry.link(&entity, &id) {
            self.edit(&intent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotecheck_core::model::{Gender, Origin, Span};

    fn person(id: &str, name: &str, status: Status) -> Entity {
        Entity {
            id: id.into(),
            label: "PERSON".into(),
            name: name.into(),
            mentions: vec![Span {
                start: 0,
                end: name.chars().count(),
                text: name.into(),
                extra: Default::default(),
            }],
            origin: Origin::Auto,
            status,
            attributes: None,
            registry: None,
            reviewed_by: None,
            extra: Default::default(),
        }
    }

    fn registry_with(entries: &[(&str, &str, Option<Gender>)]) -> Registry {
        let mut r = Registry::new();
        for (name, label, gender) in entries {
            let id = r.add(name, label);
            if let Some(g) = gender {
                r.set_attribute(&id, GENDER, Some(g.as_str())).unwrap();
            }
        }
        r
    }

    fn doc_with(entities: Vec<Entity>) -> Annotations {
        let text: String = entities
            .iter()
            .map(|e| e.name.clone())
            .collect::<Vec<_>>()
            .join(" ");
        let mut doc = Annotations::new("a.txt", &text);
        doc.entities = entities;
        doc
    }

    #[test]
    fn only_what_the_reviewer_changed_on_linked_people_reaches_the_registry() {
        let registry = registry_with(&[("Ann Lee", "PERSON", Some(Gender::Woman))]);
        let mut linked = person("e1", "Ann Lee", Status::Edited);
        linked.registry = Some("ann-lee".into());
        linked.attributes = Some(Attributes {
            gender: Some(Gender::Woman),
            ..Attributes::default()
        });
        let doc = doc_with(vec![linked.clone()]);
        let baseline = baseline_of(&doc);
        assert_eq!(changes(&doc, &baseline, &registry, &HashSet::new()), []);

        // The reviewer sets a role: that, and only that, goes in.
        let mut now = linked.clone();
        now.attributes.as_mut().unwrap().role = Some("official".into());
        let doc = doc_with(vec![now]);
        assert_eq!(
            changes(&doc, &baseline, &registry, &HashSet::new()),
            [Change::Set {
                id: "ann-lee".into(),
                name: "Ann Lee".into(),
                key: "role".into(),
                value: Some("official".into()),
                read: None,
            }]
        );

        // A pending entity's values are automatic: they never go in.
        let mut pending = linked;
        pending.status = Status::Pending;
        pending.attributes.as_mut().unwrap().role = Some("expert".into());
        let doc = doc_with(vec![pending]);
        assert_eq!(changes(&doc, &baseline, &registry, &HashSet::new()), []);
    }

    #[test]
    fn a_value_someone_else_changed_meanwhile_is_kept_and_said() {
        let read = registry_with(&[("Ann Lee", "PERSON", None), ("Tom Hart", "PERSON", None)]);
        let mut e = person("e1", "Ann Lee", Status::Edited);
        e.registry = Some("ann-lee".into());
        let baseline = baseline_of(&doc_with(vec![e.clone()]));
        e.attributes = Some(Attributes {
            gender: Some(Gender::Woman),
            role: Some("expert".into()),
            ..Attributes::default()
        });
        let doc = doc_with(vec![e]);
        let changes = changes(&doc, &baseline, &read, &HashSet::new());

        // Meanwhile another reviewer set her role and Tom Hart's gender.
        let mut disk = read.clone();
        disk.set_attribute("ann-lee", "role", Some("official"))
            .unwrap();
        disk.set_attribute("tom-hart", GENDER, Some("man")).unwrap();
        let kept = merge(&mut disk, &changes);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].contains("role \"official\""), "{kept:?}");
        let ann = disk.entry("ann-lee").unwrap();
        assert_eq!(
            ann.attributes.gender,
            Some(Gender::Woman),
            "ours where theirs is unchanged"
        );
        assert_eq!(
            ann.attributes.role.as_deref(),
            Some("official"),
            "theirs kept"
        );
        assert_eq!(
            disk.entry("tom-hart").unwrap().attributes.gender,
            Some(Gender::Man),
            "other entries as the file has them"
        );
    }

    #[test]
    fn an_entry_added_here_goes_in_whole_and_meets_one_added_elsewhere() {
        let mut registry = Registry::new();
        let id = registry.add("Maria Ortiz", "PERSON");
        let added: HashSet<String> = [id.clone()].into();
        let mut e = person("e1", "Maria Ortiz", Status::Edited);
        e.registry = Some(id.clone());
        e.mentions.push(Span {
            start: 6,
            end: 11,
            text: "Ortiz".into(),
            extra: Default::default(),
        });
        e.attributes = Some(Attributes {
            role: Some("eyewitness".into()),
            ..Attributes::default()
        });
        let doc = doc_with(vec![e]);
        let changes = changes(&doc, &Baseline::new(), &registry, &added);
        let [Change::Add(entry)] = changes.as_slice() else {
            panic!("{changes:?}");
        };
        assert_eq!(entry.aliases, ["Ortiz"]);

        let mut empty = Registry::new();
        assert!(merge(&mut empty, &changes).is_empty());
        assert_eq!(
            empty.entry(&id).unwrap().attributes.role.as_deref(),
            Some("eyewitness")
        );

        // Another reviewer added her too, with a gender: both stand.
        let mut theirs = registry_with(&[("Maria Ortiz", "PERSON", Some(Gender::Woman))]);
        assert!(merge(&mut theirs, &changes).is_empty());
        let both = theirs.entry(&id).unwrap();
        assert_eq!(both.attributes.gender, Some(Gender::Woman));
        assert_eq!(both.attributes.role.as_deref(), Some("eyewitness"));
    }
}
