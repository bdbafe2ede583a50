//! The registry of a folder's people and organisations: one JSON file beside
//! the annotation files (`quotecheck-registry.json`), so that "Dmytro
//! Kuleba", "Kuleba" and "Ukraine's foreign minister Dmytro Kuleba" in three
//! articles are one person, with one canonical name, aliases and attributes.
//!
//! The file is made to travel with the articles and to merge in git: entries
//! sorted by id, each a block of its own lines, aliases sorted, and ids that
//! are slugs of the canonical name (`dmytro-kuleba`). Two reviewers who add
//! the same person on two branches write the same id and the same block,
//! which git merges as one; a suffix (`john-smith-2`) is added only when a
//! different person of the same name is already in the registry.
//!
//! Matching a name is careful where a wrong match would publish a wrong
//! figure: a single word ("Kuleba", "Clinton") matches only when exactly one
//! entry has it as its name, an alias or its last word; longer names match
//! an entry's name or alias exactly, or end with an entry's name of two
//! words or more ("Ukraine's foreign minister Dmytro Kuleba").
//!
//! Attributes in the registry are a reviewer's by definition: building it
//! takes only attributes of entities a reviewer accepted or edited (never an
//! automatic suggestion), and a person who edits the file by hand is a
//! reviewer too.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::format::{FileError, write_atomically};
use crate::model::{Attributes, Entity, EntityLabel, GENDER, Gender, Intent, attribute_problems};
use crate::quoted::{ArticleFacts, Speaker};

/// The registry's file name in an article folder.
pub const REGISTRY_FILE: &str = "quotecheck-registry.json";
/// The value of `format` in a registry file.
pub const REGISTRY_FORMAT: &str = "quotecheck-registry";
/// The registry file version this build reads and writes.
pub const REGISTRY_VERSION: u32 = 1;

/// One person or organisation of the folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// A slug of the canonical name, unique in the registry; annotation
    /// files link to it (`"registry": "dmytro-kuleba"` on an entity).
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// `PERSON` or `ORG`, as the annotation files write labels.
    pub label: String,
    /// Other names the articles use for it, sorted.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Gender, role, knowledge-base id…: a reviewer's.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The registry file as it is written.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RegistryFile {
    format: String,
    version: u32,
    entries: Vec<Entry>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// How a name found its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The entity carries a link to the entry.
    Linked,
    /// The name is the entry's name or one of its aliases.
    Name,
    /// A single word that is the last word of exactly one entry's name.
    Surname,
    /// The name ends with the entry's name ("… foreign minister Dmytro Kuleba").
    WithinName,
}

/// What the registry holds for a name.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<'r> {
    Found(&'r Entry, Match),
    /// Several entries fit ("Clinton": Hillary and Bill); a person decides.
    Ambiguous(Vec<&'r Entry>),
    NotFound,
}

/// The people and organisations of a folder.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    /// Fields other tools added at the top of the file, kept.
    extra: Map<String, Value>,
    by_id: HashMap<String, usize>,
    /// Every name and alias, by [`name_key`], to the entries holding it.
    by_name: HashMap<String, Vec<usize>>,
    /// The last word of every person's name or alias of two words or more.
    by_surname: HashMap<String, Vec<usize>>,
}

/// A name several entries fit, left unlinked while building.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    pub file: String,
    pub name: String,
    /// The ids it could be.
    pub candidates: Vec<String>,
}

/// Reviewers who disagree about an attribute of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub entry: String,
    pub key: String,
    /// The registry's value, which stays; `None` when it had none (and
    /// still has none, as the files disagree).
    pub kept: Option<String>,
    /// Each other value with the file that holds it.
    pub values: Vec<(String, String)>,
}

/// What [`Registry::absorb`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Absorbed {
    /// For each article, for each of its speakers: the entry it is (an
    /// index into [`Registry::entries`]), or `None` (a place, or a name
    /// several entries fit).
    pub links: Vec<Vec<Option<usize>>>,
    /// Ids of the entries added.
    pub added: Vec<String>,
    pub aliases_added: usize,
    /// Attributes taken from reviewed entities into entries that had none.
    pub attributes_taken: usize,
    pub ambiguous: Vec<Ambiguity>,
    pub conflicts: Vec<Conflict>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Where the registry of the article folder `dir` is kept.
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(REGISTRY_FILE)
    }

    /// Reads and checks the registry at `path`: its format and version,
    /// unique ids, and attributes as the contract allows them.
    pub fn load(path: &Path) -> Result<Registry, FileError> {
        let bytes = std::fs::read(path).map_err(|e| FileError::io(path, e))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let invalid = |problems: Vec<String>| FileError::Invalid {
            path: path.to_owned(),
            problems,
        };
        let value: Value = serde_json::from_slice(bytes).map_err(|e| FileError::json(path, &e))?;
        match value.get("format").and_then(Value::as_str) {
            Some(REGISTRY_FORMAT) => {}
            _ => {
                return Err(invalid(vec![format!(
                    "not a registry: expected \"format\": \"{REGISTRY_FORMAT}\""
                )]));
            }
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(REGISTRY_VERSION) => {}
            Some(v) if v > u64::from(REGISTRY_VERSION) => {
                return Err(invalid(vec![format!(
                    "registry version {v} is newer than this quotecheck reads (up to {REGISTRY_VERSION}); update quotecheck"
                )]));
            }
            _ => {
                return Err(invalid(vec![
                    "\"version\" is missing or unknown".to_owned(),
                ]));
            }
        }
        let mut problems = Vec::new();
        if let Some(entries) = value.get("entries").and_then(Value::as_array) {
            for (i, e) in entries.iter().enumerate() {
                if let Some(attributes) = e.get("attributes") {
                    let owner = match e.get("id").and_then(Value::as_str) {
                        Some(id) => format!("entry {id}"),
                        None => format!("entry {}", i + 1),
                    };
                    problems.extend(attribute_problems(&owner, attributes));
                }
            }
        }
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let file: RegistryFile =
            serde_json::from_value(value).map_err(|e| invalid(vec![e.to_string()]))?;
        let mut seen = HashSet::new();
        for e in &file.entries {
            if e.id.trim().is_empty() {
                problems.push(format!("entry {:?} has an empty id", e.name));
            } else if !seen.insert(e.id.as_str()) {
                problems.push(format!(
                    "id {} is used by more than one entry (two branches added different people of one name? give one of them another id)",
                    e.id
                ));
            }
        }
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let mut registry = Registry {
            extra: file.extra,
            ..Registry::default()
        };
        for entry in file.entries {
            registry.push(entry);
        }
        Ok(registry)
    }

    /// The registry at `path`, or an empty one when there is no file yet.
    pub fn load_or_new(path: &Path) -> Result<Registry, FileError> {
        match path.try_exists() {
            Ok(false) => Ok(Registry::new()),
            Ok(true) => Registry::load(path),
            Err(e) => Err(FileError::io(path, e)),
        }
    }

    /// The file's bytes: entries sorted by id, aliases sorted, one entry a
    /// block, so that git merges entries added on two branches.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        for e in &mut entries {
            e.aliases.sort_by_key(|a| (name_key(a), a.clone()));
        }
        let file = RegistryFile {
            format: REGISTRY_FORMAT.to_owned(),
            version: REGISTRY_VERSION,
            entries,
            extra: self.extra.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Saves the registry to `path` atomically (a temporary file beside it,
    /// then renamed over it).
    pub fn save(&self, path: &Path) -> Result<(), FileError> {
        let bytes = self.to_json().map_err(|e| FileError::serialize(path, e))?;
        write_atomically(path, &bytes)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Adds a new entry for `name`, labelled `label`, with a fresh id (the
    /// slug of the name, with `-2`, `-3`… when taken); returns the id.
    pub fn add(&mut self, name: &str, label: &str) -> String {
        let id = self.fresh_id(name);
        self.push(Entry {
            id: id.clone(),
            name: name.trim().to_owned(),
            label: label.to_owned(),
            aliases: Vec::new(),
            attributes: Attributes::default(),
            extra: Map::new(),
        });
        id
    }

    /// Adds `entry` under its own id (an entry made elsewhere, such as in
    /// another copy of the registry); false, and nothing added, when the
    /// id is empty or taken.
    pub fn insert(&mut self, entry: Entry) -> bool {
        if entry.id.trim().is_empty() || self.by_id.contains_key(&entry.id) {
            return false;
        }
        self.push(entry);
        true
    }

    /// Adds `alias` to entry `id` unless it is already one of its names.
    /// Returns whether it was added.
    pub fn add_alias(&mut self, id: &str, alias: &str) -> bool {
        let Some(&i) = self.by_id.get(id) else {
            return false;
        };
        self.add_alias_at(i, alias)
    }

    /// Sets attribute `key` of entry `id` (or removes it: `None`); false
    /// when there is no such entry.
    pub fn set_attribute(
        &mut self,
        id: &str,
        key: &str,
        value: Option<&str>,
    ) -> Result<bool, crate::model::AttributeError> {
        let Some(&i) = self.by_id.get(id) else {
            return Ok(false);
        };
        self.entries[i].attributes.set(key, value)?;
        Ok(true)
    }

    /// The entry `speaker` is: the one it is linked to, else the one its
    /// name fits (see the module's rules).
    pub fn lookup(&self, speaker: &Speaker) -> Lookup<'_> {
        self.lookup_name(
            &speaker.label,
            &speaker.name,
            speaker.mentions.iter().map(String::as_str),
            speaker.registry.as_deref(),
        )
    }

    /// [`Registry::lookup`] for an entity of an annotation file, as the
    /// window proposes the registry's person for it.
    pub fn lookup_entity(&self, entity: &Entity) -> Lookup<'_> {
        self.lookup_name(
            &entity.label,
            &entity.name,
            entity.mentions.iter().map(|m| m.text.as_str()),
            entity.registry.as_deref(),
        )
    }

    /// The intent that links `entity` to entry `id` and fills the entity's
    /// attributes from the entry's, as one step to undo; `None` when there
    /// is no such entry.
    pub fn link(&self, entity: &str, id: &str) -> Option<Intent> {
        let entry = self.entry(id)?;
        Some(Intent::LinkRegistry {
            entity: entity.to_owned(),
            link: Some((entry.id.clone(), entry.attributes.clone())),
        })
    }

    fn lookup_name<'a>(
        &self,
        label: &str,
        name: &str,
        mentions: impl Iterator<Item = &'a str>,
        link: Option<&str>,
    ) -> Lookup<'_> {
        if let Some(entry) = link.and_then(|id| self.entry(id)) {
            return Lookup::Found(entry, Match::Linked);
        }
        let key = name_key(name);
        if key.is_empty() {
            return Lookup::NotFound;
        }
        let same_label = |i: &usize| self.entries[*i].label == label;
        let found = |mut ids: Vec<usize>, how: Match| {
            ids.retain(same_label);
            ids.sort_unstable();
            ids.dedup();
            match ids.as_slice() {
                [] => None,
                [one] => Some(Lookup::Found(&self.entries[*one], how)),
                many => Some(Lookup::Ambiguous(
                    many.iter().map(|&i| &self.entries[i]).collect(),
                )),
            }
        };
        let named = |k: &str| self.by_name.get(k).cloned().unwrap_or_default();
        if !key.contains(' ') {
            // A bare word: its entries as a name or alias and as a surname
            // all count, so that "Clinton" is ambiguous between Hillary and
            // Bill even when one of them has "Clinton" as an alias.
            let mut ids = named(&key);
            let surname = self.by_surname.get(&key).cloned().unwrap_or_default();
            let how = if ids.is_empty() {
                Match::Surname
            } else {
                Match::Name
            };
            ids.extend(surname);
            return found(ids, how).unwrap_or(Lookup::NotFound);
        }
        if let Some(hit) = found(named(&key), Match::Name) {
            return hit;
        }
        let longer: Vec<usize> = mentions
            .map(name_key)
            .filter(|k| k.contains(' ') && *k != key)
            .flat_map(|k| named(&k))
            .collect();
        if let Some(hit) = found(longer, Match::Name) {
            return hit;
        }
        // "ukraine's foreign minister dmytro kuleba": the longest ending of
        // two words or more that is an entry's own name.
        let words: Vec<&str> = key.split(' ').collect();
        for start in 1..words.len().saturating_sub(1) {
            let ending = words[start..].join(" ");
            let ids: Vec<usize> = named(&ending)
                .into_iter()
                .filter(|&i| name_key(&self.entries[i].name) == ending)
                .collect();
            if let Some(hit) = found(ids, Match::WithinName) {
                return hit;
            }
        }
        Lookup::NotFound
    }

    /// Takes the people and organisations quoted in `articles` into the
    /// registry: each speaker is linked to its entry (by its link, else by
    /// name), new ones get an entry, the names articles use become aliases,
    /// and attributes of reviewed entities fill entries that lack them.
    /// Full names go first, shorter ones first, so that "Kuleba" and
    /// "Ukraine's foreign minister Dmytro Kuleba" find "Dmytro Kuleba"
    /// whichever file comes first.
    pub fn absorb(&mut self, articles: &[ArticleFacts]) -> Absorbed {
        let mut out = Absorbed {
            links: articles
                .iter()
                .map(|a| vec![None; a.speakers.len()])
                .collect(),
            ..Absorbed::default()
        };
        let mut order: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (a, article) in articles.iter().enumerate() {
            for (s, speaker) in article.speakers.iter().enumerate() {
                if !EntityLabel::name_can_speak(&speaker.label) {
                    continue;
                }
                let words = name_key(&speaker.name).split(' ').count();
                let pass = match (&speaker.registry, words) {
                    (Some(_), _) => 0,
                    (None, 1) => 2,
                    (None, _) => 1,
                };
                order.push((pass, if pass == 1 { words } else { 0 }, a, s));
            }
        }
        order.sort_unstable();
        for (_, _, a, s) in order {
            let speaker = &articles[a].speakers[s];
            let entry = if let Some(id) = &speaker.registry {
                match self.by_id.get(id) {
                    Some(&i) => Some(i),
                    None => {
                        // A link to an entry this registry lacks (made on
                        // another branch): the entry comes back under that id.
                        self.push(Entry {
                            id: id.clone(),
                            name: speaker.name.trim().to_owned(),
                            label: speaker.label.clone(),
                            aliases: Vec::new(),
                            attributes: Attributes::default(),
                            extra: Map::new(),
                        });
                        out.added.push(id.clone());
                        Some(self.entries.len() - 1)
                    }
                }
            } else {
                match self.lookup_name(
                    &speaker.label,
                    &speaker.name,
                    speaker.mentions.iter().map(String::as_str),
                    None,
                ) {
                    Lookup::Found(entry, _) => self.by_id.get(&entry.id).copied(),
                    Lookup::Ambiguous(entries) => {
                        out.ambiguous.push(Ambiguity {
                            file: articles[a].file.clone(),
                            name: speaker.name.clone(),
                            candidates: entries.iter().map(|e| e.id.clone()).collect(),
                        });
                        None
                    }
                    Lookup::NotFound if name_key(&speaker.name).is_empty() => None,
                    Lookup::NotFound => {
                        let id = self.add(&speaker.name, &speaker.label);
                        out.added.push(id);
                        Some(self.entries.len() - 1)
                    }
                }
            };
            let Some(i) = entry else { continue };
            out.links[a][s] = Some(i);
            for alias in std::iter::once(&speaker.name).chain(&speaker.mentions) {
                if self.add_alias_at(i, alias) {
                    out.aliases_added += 1;
                }
            }
        }
        self.take_reviewed_attributes(articles, &mut out);
        out
    }

    /// Fills entries' missing attributes from reviewed entities where those
    /// agree, and lists where reviewers disagree (with each other, or with
    /// the registry). A reviewed gender "unknown" says nobody could tell: it
    /// neither fills an entry nor disagrees with one.
    fn take_reviewed_attributes(&mut self, articles: &[ArticleFacts], out: &mut Absorbed) {
        // (entry, key) → (value, file) of every reviewed entity linked to it.
        let mut said: BTreeMap<(usize, String), Vec<(String, String)>> = BTreeMap::new();
        for (a, article) in articles.iter().enumerate() {
            for (s, speaker) in article.speakers.iter().enumerate() {
                let Some(i) = out.links[a][s] else { continue };
                if !speaker.reviewed {
                    continue;
                }
                for (key, value) in speaker.attributes.iter() {
                    if key == GENDER && value == Gender::Unknown.as_str() {
                        continue;
                    }
                    said.entry((i, key.to_owned()))
                        .or_default()
                        .push((value.to_owned(), article.file.clone()));
                }
            }
        }
        for ((i, key), values) in said {
            let kept = self.entries[i].attributes.get(&key).map(str::to_owned);
            let differing: Vec<(String, String)> = match &kept {
                Some(k) => values.iter().filter(|(v, _)| v != k).cloned().collect(),
                None => {
                    let first = &values[0].0;
                    if values.iter().all(|(v, _)| v == first) {
                        if self.entries[i]
                            .attributes
                            .set(&key, Some(first.as_str()))
                            .is_ok()
                        {
                            out.attributes_taken += 1;
                        }
                        Vec::new()
                    } else {
                        values.clone()
                    }
                }
            };
            if !differing.is_empty() {
                out.conflicts.push(Conflict {
                    entry: self.entries[i].id.clone(),
                    key,
                    kept,
                    values: differing,
                });
            }
        }
    }

    fn fresh_id(&self, name: &str) -> String {
        let base = slug(name);
        let base = if base.is_empty() {
            "entry".to_owned()
        } else {
            base
        };
        if !self.by_id.contains_key(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.by_id.contains_key(id))
            .unwrap_or(base)
    }

    fn push(&mut self, entry: Entry) {
        let i = self.entries.len();
        self.by_id.insert(entry.id.clone(), i);
        let names: Vec<String> = std::iter::once(&entry.name)
            .chain(&entry.aliases)
            .cloned()
            .collect();
        let person = EntityLabel::from_name(&entry.label) == Some(EntityLabel::Person);
        self.entries.push(entry);
        for name in names {
            self.index_name(i, &name, person);
        }
    }

    fn add_alias_at(&mut self, i: usize, alias: &str) -> bool {
        let key = name_key(alias);
        let entry = &self.entries[i];
        if key.is_empty()
            || name_key(&entry.name) == key
            || entry.aliases.iter().any(|a| name_key(a) == key)
        {
            return false;
        }
        let person = EntityLabel::from_name(&entry.label) == Some(EntityLabel::Person);
        self.entries[i].aliases.push(alias.trim().to_owned());
        self.index_name(i, alias, person);
        true
    }

    fn index_name(&mut self, i: usize, name: &str, person: bool) {
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        if person
            && key.contains(' ')
            && let Some(last) = key.rsplit(' ').next()
        {
            let list = self.by_surname.entry(last.to_owned()).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
        let list = self.by_name.entry(key).or_default();
        if !list.contains(&i) {
            list.push(i);
        }
    }
}

/// Titles that are no part of a name, dropped before names are compared.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "the",
];

/// A name as it is compared: lowercase, curly apostrophes straight, dots
/// and commas gone, a leading title ("Mr.", "the") and a trailing "'s"
/// dropped, spaces collapsed. "Mr. Kuleba's" and "kuleba" compare equal.
pub fn name_key(name: &str) -> String {
    let lower = name.replace(['’', '‘'], "'").to_lowercase();
    let mut words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ',' || c == '"'))
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && HONORIFICS.contains(&words[0].trim_end_matches('.')) {
        words.remove(0);
    }
    if let Some(last) = words.last_mut() {
        *last = last.strip_suffix("'s").unwrap_or(last);
    }
    words
        .iter()
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id a name gets: lowercase letters and digits, other runs as `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.replace(['’', '\''], "").chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_titles_dots_and_possessives() {
        assert_eq!(name_key("Mr. Kuleba’s"), "kuleba");
        assert_eq!(name_key("  Dmytro   Kuleba "), "dmytro kuleba");
        assert_eq!(name_key("the State Department"), "state department");
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(
            slug("Ukraine's Foreign Ministry"),
            "ukraines-foreign-ministry"
        );
        assert_eq!(slug("Łukasz Nowak"), "łukasz-nowak");
    }

    #[test]
    fn an_entry_made_elsewhere_keeps_its_id_and_is_found_by_its_names() {
        let mut registry = Registry::new();
        registry.add("John Smith", "PERSON");
        let elsewhere = Entry {
            id: "john-smith-2".into(),
            name: "John Smith".into(),
            label: "PERSON".into(),
            aliases: vec!["J. R. Smith".into()],
            attributes: Attributes::default(),
            extra: Map::new(),
        };
        assert!(registry.insert(elsewhere.clone()));
        assert!(!registry.insert(elsewhere), "an id is one entry");
        let found = registry.lookup_name("PERSON", "J R Smith", std::iter::empty(), None);
        assert!(matches!(found, Lookup::Found(e, Match::Name) if e.id == "john-smith-2"));
    }
}
