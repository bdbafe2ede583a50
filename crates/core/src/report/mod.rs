//! Who is quoted across a folder of articles: the figures newsrooms publish
//! (shares of quotes and of people by gender, role and label, by outlet and
//! by month, the most quoted people), each with how much of it rests on a
//! reviewer's decisions rather than on automatic tags.
//!
//! What counts: every quote not rejected. A quote rests on review when a
//! reviewer accepted or edited it (which confirms its speaker); an
//! attribute when it comes from the registry or from an entity a reviewer
//! accepted or edited. People are one across articles through the registry
//! (see [`crate::registry`]); the report absorbs the folder into a copy of
//! it, so people are joined even before anyone saved a registry.
//!
//! A person's gender or role is one for the whole folder: the registry's;
//! else what reviewed entities say, where they all agree; else what more
//! than half of the automatic ones say; else unknown. Reviewers who
//! disagree are listed, and their person counts as unknown.

pub mod csv;
pub mod html;
pub mod metadata;

use std::collections::{BTreeMap, HashMap};

use crate::model::{EntityLabel, GENDER, Gender, ROLE, ROLES, ReviewStatus};
use crate::quoted::{ArticleFacts, Quoted};
use crate::registry::{Ambiguity, Conflict, Registry, name_key};
pub use metadata::{ArticleMeta, Metadata};

/// The value of an attribute for a person, and whether it rests on review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolved {
    /// `None`: unknown.
    pub value: Option<String>,
    pub reviewed: bool,
}

impl Resolved {
    /// The value as a report shows it: "unknown" when there is none.
    pub fn shown(&self) -> &str {
        self.value.as_deref().unwrap_or("unknown")
    }
}

/// One person or organisation quoted in the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The registry id, when the registry holds it.
    pub id: Option<String>,
    pub name: String,
    pub label: String,
    pub gender: Resolved,
    pub role: Resolved,
    pub quotes: usize,
    pub quotes_reviewed: usize,
    pub words: usize,
    pub articles: usize,
}

/// A row of a share table: one value (a gender, a role, a label) and the
/// quotes and people that have it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Share {
    pub value: String,
    pub quotes: usize,
    /// Quotes a reviewer accepted or edited.
    pub quotes_reviewed: usize,
    /// Quotes whose speaker's value (gender, role; for labels, the
    /// entity) rests on review.
    pub quotes_attribute_reviewed: usize,
    /// Quotes where both do.
    pub quotes_fully_reviewed: usize,
    pub people: usize,
    pub people_attribute_reviewed: usize,
}

/// Quotes by people, split by gender, for one outlet or one month.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupRow {
    /// The outlet or the month (`YYYY-MM`); "unknown" where the metadata
    /// does not say.
    pub value: String,
    pub articles: usize,
    /// Quotes by people, by gender in the order of [`Gender::ALL`].
    pub quotes_by_gender: [usize; 4],
    /// Of those, resting on review (quote and gender both).
    pub reviewed_by_gender: [usize; 4],
}

impl GroupRow {
    pub fn quotes(&self) -> usize {
        self.quotes_by_gender.iter().sum()
    }

    pub fn reviewed(&self) -> usize {
        self.reviewed_by_gender.iter().sum()
    }
}

/// One article's line: who it quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub file: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub review: ReviewStatus,
    pub quotes: usize,
    pub quotes_reviewed: usize,
    pub quoted: Quoted,
}

/// Everything `quotecheck report` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub articles: Vec<ArticleRow>,
    pub files_done: usize,
    pub files_in_progress: usize,
    /// Quotes that count (not rejected).
    pub quotes: usize,
    pub quotes_reviewed: usize,
    /// Quotes whose speaker nobody named.
    pub quotes_without_speaker: usize,
    pub words: usize,
    /// Everyone quoted, most quoted first.
    pub people: Vec<Person>,
    /// Quotes and people (label PERSON) by gender, the four always.
    pub by_gender: Vec<Share>,
    /// Quotes and people (label PERSON) by role, "unknown" always last.
    pub by_role: Vec<Share>,
    /// Quotes and speakers by label; "unknown" holds quotes with no speaker.
    pub by_label: Vec<Share>,
    /// Present when a metadata file was given.
    pub by_outlet: Option<Vec<GroupRow>>,
    pub by_month: Option<Vec<GroupRow>>,
    /// Articles the metadata file names.
    pub articles_with_metadata: usize,
    pub ambiguous: Vec<Ambiguity>,
    pub conflicts: Vec<Conflict>,
}

/// A person while the report is counted: who, and every entity of theirs.
struct Tally {
    id: Option<String>,
    name: String,
    label: String,
    /// The registry entry's attributes (a reviewer's), when it has one.
    entry: Option<usize>,
    /// (key, value, reviewed) said by each of the person's entities.
    said: Vec<(&'static str, String, bool)>,
    quotes: usize,
    quotes_reviewed: usize,
    words: usize,
    articles: usize,
    /// Whether any entity of the person is reviewed (its label then is).
    entity_reviewed: bool,
}

impl Report {
    /// Counts `articles` with the people of `registry` (a copy absorbs the
    /// folder; the registry given is not changed) and, when given, the
    /// outlets and dates of `metadata`.
    pub fn build(
        articles: &[ArticleFacts],
        registry: &Registry,
        metadata: Option<&Metadata>,
    ) -> Report {
        let mut registry = registry.clone();
        let absorbed = registry.absorb(articles);
        let conflicted: std::collections::HashSet<(&str, &str)> = absorbed
            .conflicts
            .iter()
            .map(|c| (c.entry.as_str(), c.key.as_str()))
            .collect();

        // Each speaker of each article → a person.
        let mut tallies: Vec<Tally> = Vec::new();
        let mut by_key: HashMap<(Option<usize>, String, String), usize> = HashMap::new();
        let mut person_of: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
        for (a, article) in articles.iter().enumerate() {
            let mut of_speaker = Vec::with_capacity(article.speakers.len());
            for (s, speaker) in article.speakers.iter().enumerate() {
                let entry = absorbed.links[a][s];
                let key = match entry {
                    Some(i) => (Some(i), String::new(), String::new()),
                    None => (None, speaker.label.clone(), name_key(&speaker.name)),
                };
                let t = *by_key.entry(key).or_insert_with(|| {
                    let (id, name, label) = match entry {
                        Some(i) => {
                            let e = &registry.entries()[i];
                            (Some(e.id.clone()), e.name.clone(), e.label.clone())
                        }
                        None => (None, speaker.name.clone(), speaker.label.clone()),
                    };
                    tallies.push(Tally {
                        id,
                        name,
                        label,
                        entry,
                        said: Vec::new(),
                        quotes: 0,
                        quotes_reviewed: 0,
                        words: 0,
                        articles: 0,
                        entity_reviewed: false,
                    });
                    tallies.len() - 1
                });
                for key in [GENDER, ROLE] {
                    if let Some(v) = speaker.attributes.get(key) {
                        tallies[t].said.push((key, v.to_owned(), speaker.reviewed));
                    }
                }
                tallies[t].entity_reviewed |= speaker.reviewed;
                of_speaker.push(t);
            }
            person_of.push(of_speaker);
        }

        let resolve = |t: &Tally, key: &'static str| -> Resolved {
            let entry = t.entry.map(|i| &registry.entries()[i]);
            if let Some(v) = entry.and_then(|e| e.attributes.get(key)) {
                return Resolved {
                    value: Some(v.to_owned()),
                    reviewed: true,
                };
            }
            if entry.is_some_and(|e| conflicted.contains(&(e.id.as_str(), key))) {
                return Resolved::default();
            }
            let values = |reviewed: bool| {
                t.said
                    .iter()
                    .filter(move |(k, _, r)| *k == key && *r == reviewed)
                    .map(|(_, v, _)| v.as_str())
            };
            let unknown = Gender::Unknown.as_str();
            let known = |reviewed: bool| values(reviewed).filter(move |v| *v != unknown);
            if let Some(v) = agreed(known(true)) {
                return Resolved {
                    value: Some(v.to_owned()),
                    reviewed: true,
                };
            }
            if known(true).next().is_some() {
                // Reviewers disagree on a person the registry lacks.
                return Resolved::default();
            }
            if values(true).next().is_some() {
                // A reviewer said "unknown": that is a reviewed unknown.
                return Resolved {
                    value: None,
                    reviewed: true,
                };
            }
            Resolved {
                value: majority(known(false)).map(str::to_owned),
                reviewed: false,
            }
        };
        let resolved: Vec<(Resolved, Resolved)> = tallies
            .iter()
            .map(|t| (resolve(t, GENDER), resolve(t, ROLE)))
            .collect();

        let gender_of = |t: usize| -> Gender {
            resolved[t]
                .0
                .value
                .as_deref()
                .and_then(Gender::parse)
                .unwrap_or(Gender::Unknown)
        };
        let persons: Vec<bool> = tallies
            .iter()
            .map(|t| EntityLabel::from_name(&t.label) == Some(EntityLabel::Person))
            .collect();
        let is_person = |t: usize| persons[t];

        let mut by_gender: Vec<Share> = Gender::ALL
            .iter()
            .map(|g| Share {
                value: g.as_str().to_owned(),
                ..Share::default()
            })
            .collect();
        let mut by_role: BTreeMap<String, Share> = BTreeMap::new();
        let mut by_label: BTreeMap<String, Share> = BTreeMap::new();
        let mut outlets: BTreeMap<String, GroupRow> = BTreeMap::new();
        let mut months: BTreeMap<String, GroupRow> = BTreeMap::new();
        let mut rows = Vec::with_capacity(articles.len());
        let (mut quotes, mut quotes_reviewed, mut without, mut words) = (0, 0, 0, 0);
        let mut articles_with_metadata = 0;
        let unknown = Gender::Unknown.as_str().to_owned();

        for (a, article) in articles.iter().enumerate() {
            let meta = metadata.and_then(|m| m.find(&article.file, &article.document));
            articles_with_metadata += usize::from(meta.is_some());
            let outlet = meta.and_then(|m| m.outlet.clone());
            let month = meta.and_then(|m| m.month()).map(str::to_owned);
            let group = |groups: &mut BTreeMap<String, GroupRow>, value: &Option<String>| {
                let value = value.clone().unwrap_or_else(|| unknown.clone());
                let row = groups.entry(value.clone()).or_insert_with(|| GroupRow {
                    value,
                    ..GroupRow::default()
                });
                row.articles += 1;
            };
            if metadata.is_some() {
                group(&mut outlets, &outlet);
                group(&mut months, &month);
            }
            let mut seen = vec![false; article.speakers.len()];
            let mut quoted = Quoted::default();
            let mut article_reviewed = 0;
            for q in &article.quotes {
                quotes += 1;
                quotes_reviewed += usize::from(q.reviewed);
                article_reviewed += usize::from(q.reviewed);
                words += q.words;
                let Some(s) = q.speaker else {
                    without += 1;
                    let row = by_label.entry(unknown.clone()).or_insert_with(|| Share {
                        value: unknown.clone(),
                        ..Share::default()
                    });
                    row.quotes += 1;
                    row.quotes_reviewed += usize::from(q.reviewed);
                    continue;
                };
                let t = person_of[a][s];
                let tally = &mut tallies[t];
                tally.quotes += 1;
                tally.quotes_reviewed += usize::from(q.reviewed);
                tally.words += q.words;
                if !seen[s] {
                    seen[s] = true;
                    let gender = is_person(t).then(|| gender_of(t));
                    quoted.add(&tallies[t].label, gender);
                }
                let count = |row: &mut Share, attribute_reviewed: bool| {
                    row.quotes += 1;
                    row.quotes_reviewed += usize::from(q.reviewed);
                    row.quotes_attribute_reviewed += usize::from(attribute_reviewed);
                    row.quotes_fully_reviewed += usize::from(q.reviewed && attribute_reviewed);
                };
                let label = tallies[t].label.clone();
                let label_row = by_label.entry(label.clone()).or_insert_with(|| Share {
                    value: label,
                    ..Share::default()
                });
                count(label_row, tallies[t].entity_reviewed);
                if !is_person(t) {
                    continue;
                }
                let (gender, role) = &resolved[t];
                let g = gender_of(t);
                if let Some(row) = by_gender.iter_mut().find(|r| r.value == g.as_str()) {
                    count(row, gender.reviewed);
                }
                let role_name = role.shown().to_owned();
                let role_row = by_role.entry(role_name.clone()).or_insert_with(|| Share {
                    value: role_name,
                    ..Share::default()
                });
                count(role_row, role.reviewed);
                if metadata.is_some() {
                    let at = Gender::ALL.iter().position(|&x| x == g).unwrap_or(3);
                    for (groups, value) in [(&mut outlets, &outlet), (&mut months, &month)] {
                        let key = value.clone().unwrap_or_else(|| unknown.clone());
                        if let Some(row) = groups.get_mut(&key) {
                            row.quotes_by_gender[at] += 1;
                            row.reviewed_by_gender[at] +=
                                usize::from(q.reviewed && gender.reviewed);
                        }
                    }
                }
            }
            for (s, &was) in seen.iter().enumerate() {
                if was {
                    tallies[person_of[a][s]].articles += 1;
                }
            }
            rows.push(ArticleRow {
                file: article.file.clone(),
                outlet,
                date: meta.and_then(|m| m.date.clone()),
                review: article.review,
                quotes: article.quotes.len(),
                quotes_reviewed: article_reviewed,
                quoted,
            });
        }

        // People counts per share row: each person once.
        for (t, tally) in tallies.iter().enumerate().filter(|(_, t)| t.quotes > 0) {
            if let Some(row) = by_label.get_mut(&tally.label) {
                row.people += 1;
                row.people_attribute_reviewed += usize::from(tally.entity_reviewed);
            }
            if !is_person(t) {
                continue;
            }
            let (gender, role) = &resolved[t];
            if let Some(row) = by_gender
                .iter_mut()
                .find(|r| r.value == gender_of(t).as_str())
            {
                row.people += 1;
                row.people_attribute_reviewed += usize::from(gender.reviewed);
            }
            if let Some(row) = by_role.get_mut(role.shown()) {
                row.people += 1;
                row.people_attribute_reviewed += usize::from(role.reviewed);
            }
        }

        let mut people: Vec<Person> = tallies
            .iter()
            .enumerate()
            .filter(|(_, t)| t.quotes > 0)
            .map(|(i, t)| Person {
                id: t.id.clone(),
                name: t.name.clone(),
                label: t.label.clone(),
                gender: resolved[i].0.clone(),
                role: resolved[i].1.clone(),
                quotes: t.quotes,
                quotes_reviewed: t.quotes_reviewed,
                words: t.words,
                articles: t.articles,
            })
            .collect();
        people.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));

        Report {
            files_done: articles
                .iter()
                .filter(|a| a.review == ReviewStatus::Done)
                .count(),
            files_in_progress: articles
                .iter()
                .filter(|a| a.review == ReviewStatus::InProgress)
                .count(),
            articles: rows,
            quotes,
            quotes_reviewed,
            quotes_without_speaker: without,
            words,
            people,
            by_gender,
            by_role: order_roles(by_role, &unknown),
            by_label: order_labels(by_label, &unknown),
            by_outlet: metadata.map(|_| unknown_last(outlets.into_values().collect(), &unknown)),
            by_month: metadata.map(|_| unknown_last(months.into_values().collect(), &unknown)),
            articles_with_metadata,
            ambiguous: absorbed.ambiguous,
            conflicts: absorbed.conflicts,
        }
    }

    /// Nothing in the folder was decided by a person: no quote reviewed and
    /// no attribute resting on review. The report still shows every figure,
    /// and says so first.
    pub fn nothing_reviewed(&self) -> bool {
        self.quotes_reviewed == 0
            && self.files_done == 0
            && self
                .by_gender
                .iter()
                .chain(&self.by_role)
                .all(|r| r.quotes_attribute_reviewed == 0)
    }

    /// The folder's "Quoted: …" line: each person once across articles.
    pub fn quoted(&self) -> Quoted {
        let mut q = Quoted::default();
        for p in &self.people {
            let gender = p.gender.value.as_deref().and_then(Gender::parse);
            q.add(&p.label, gender);
        }
        q
    }

    /// Quotes by people (label PERSON).
    pub fn quotes_by_people(&self) -> usize {
        self.by_gender.iter().map(|r| r.quotes).sum()
    }
}

/// The one value all of `values` are, or none (none given, or they differ).
fn agreed<'a>(mut values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

/// The value more than half of `values` are: automatic values of one
/// person across many articles hold the extractor's slips (a "she" resolved
/// to the wrong person), which should not make a clear answer unknown.
fn majority<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for v in values {
        *counts.entry(v).or_default() += 1;
        total += 1;
    }
    counts
        .into_iter()
        .find(|&(_, n)| 2 * n > total)
        .map(|(v, _)| v)
}

/// The contract's roles in their order, then others by count, then unknown
/// (always there).
fn order_roles(mut rows: BTreeMap<String, Share>, unknown: &str) -> Vec<Share> {
    let mut out: Vec<Share> = ROLES
        .iter()
        .map(|r| {
            rows.remove(*r).unwrap_or_else(|| Share {
                value: (*r).to_owned(),
                ..Share::default()
            })
        })
        .collect();
    let last = rows.remove(unknown).unwrap_or_else(|| Share {
        value: unknown.to_owned(),
        ..Share::default()
    });
    let mut others: Vec<Share> = rows.into_values().collect();
    others.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.value.cmp(&b.value)));
    out.extend(others);
    out.push(last);
    out
}

/// PERSON, ORG, then other labels, then unknown (quotes with no speaker),
/// always there.
fn order_labels(mut rows: BTreeMap<String, Share>, unknown: &str) -> Vec<Share> {
    let mut out = Vec::new();
    for label in [EntityLabel::Person, EntityLabel::Org] {
        out.push(rows.remove(label.as_str()).unwrap_or_else(|| Share {
            value: label.as_str().to_owned(),
            ..Share::default()
        }));
    }
    let last = rows.remove(unknown).unwrap_or_else(|| Share {
        value: unknown.to_owned(),
        ..Share::default()
    });
    out.extend(rows.into_values());
    out.push(last);
    out
}

fn unknown_last(mut rows: Vec<GroupRow>, unknown: &str) -> Vec<GroupRow> {
    rows.sort_by_key(|r| r.value == unknown);
    rows
}

/// `part` of `whole` as a percentage with no decimals ("–" of nothing).
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_owned()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// `n` with a comma every three digits, as English news prints counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10031), "10,031");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
