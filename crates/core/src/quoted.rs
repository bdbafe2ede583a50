//! Who is quoted in one article: the few facts of an annotation file that
//! the registry and the report need (so that a folder of 10,000 files is
//! never held in memory whole), and the line the window shows per article,
//! "Quoted: 5 people (3 men, 1 woman, 1 unknown), 2 organisations".
//!
//! Rejected quotes are no quotes and rejected entities speak for nobody:
//! neither is counted anywhere.

use std::fmt;

use crate::model::{Annotations, Attributes, EntityLabel, Gender, ReviewStatus, Status};
use crate::registry::{Lookup, Registry};

/// An entity that speaks at least one quote of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The entity's id in its file.
    pub id: String,
    pub label: String,
    pub name: String,
    /// The texts of its mentions, each once, in text order.
    pub mentions: Vec<String>,
    /// Empty when the entity has none.
    pub attributes: Attributes,
    /// A reviewer accepted or edited the entity, so its attributes are a
    /// reviewer's (the contract's rule); otherwise they are automatic.
    pub reviewed: bool,
    /// The registry entry a reviewer linked it to.
    pub registry: Option<String>,
}

/// A quote that counts (not rejected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteFact {
    /// Index into [`ArticleFacts::speakers`]; `None` where nobody is named.
    pub speaker: Option<usize>,
    /// Accepted or edited by a reviewer (which confirms its speaker too).
    pub reviewed: bool,
    /// Words inside the quote's content.
    pub words: usize,
}

/// What one annotation file says about who is quoted.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    /// The name the article goes by in its folder: the annotation file's
    /// name without `.json`, matched against a metadata file's names.
    pub file: String,
    /// `document.name` of the file (`NAME.txt`).
    pub document: String,
    /// `document.sha256`: which article it is, whatever the file's name.
    pub sha256: String,
    /// The file's review status; in progress for a file that says
    /// "unreviewed" but holds a reviewer's decisions, as earlier builds
    /// saved them until the article was marked done.
    pub review: ReviewStatus,
    pub speakers: Vec<Speaker>,
    pub quotes: Vec<QuoteFact>,
}

impl ArticleFacts {
    /// The facts of `doc`, known in its folder as `file`.
    pub fn of(file: &str, doc: &Annotations) -> ArticleFacts {
        let mut speakers: Vec<Speaker> = Vec::new();
        let mut quotes = Vec::new();
        for q in doc.visible_quotes() {
            let entity = q
                .speaker
                .as_deref()
                .and_then(|id| doc.entity(id))
                .filter(|e| e.status != Status::Rejected);
            let speaker = entity.map(|e| match speakers.iter().position(|s| s.id == e.id) {
                Some(at) => at,
                None => {
                    let mut mentions: Vec<String> = Vec::new();
                    for m in &e.mentions {
                        if !mentions.contains(&m.text) {
                            mentions.push(m.text.clone());
                        }
                    }
                    speakers.push(Speaker {
                        id: e.id.clone(),
                        label: e.label.clone(),
                        name: e.name.clone(),
                        mentions,
                        attributes: e.attributes.clone().unwrap_or_default(),
                        reviewed: e.status.is_reviewed(),
                        registry: e.registry.clone(),
                    });
                    speakers.len() - 1
                }
            });
            quotes.push(QuoteFact {
                speaker,
                reviewed: q.status.is_reviewed(),
                words: q.content.iter().map(|c| count_words(&c.text)).sum(),
            });
        }
        ArticleFacts {
            file: file.to_owned(),
            document: doc.document.name.clone(),
            sha256: doc.document.sha256.clone(),
            review: match doc.review.status {
                ReviewStatus::Unreviewed if doc.review_started() => ReviewStatus::InProgress,
                status => status,
            },
            speakers,
            quotes,
        }
    }
}

/// Words of a quote: runs between spaces that hold a letter or digit (so
/// quotation marks and dashes standing alone are no words).
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// How many people, by gender, and organisations are quoted: the line the
/// window shows for an article, and for a folder (from a
/// [`crate::report::Report`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quoted {
    pub people: usize,
    /// People by gender, in the order of [`Gender::ALL`]; people with no
    /// known gender count as unknown.
    pub genders: [usize; 4],
    pub organisations: usize,
    /// Speakers that are neither (places, things: "Russia said").
    pub others: usize,
}

impl Quoted {
    /// Counts one speaker of `label`, of gender `gender` when a person.
    pub fn add(&mut self, label: &str, gender: Option<Gender>) {
        match EntityLabel::from_name(label) {
            Some(EntityLabel::Person) => {
                self.people += 1;
                let g = gender.unwrap_or(Gender::Unknown);
                if let Some(at) = Gender::ALL.iter().position(|&x| x == g) {
                    self.genders[at] += 1;
                }
            }
            Some(EntityLabel::Org) => self.organisations += 1,
            _ => self.others += 1,
        }
    }

    pub fn of_gender(&self, gender: Gender) -> usize {
        Gender::ALL
            .iter()
            .position(|&g| g == gender)
            .map_or(0, |at| self.genders[at])
    }
}

/// Who is quoted in `doc`: each speaking entity once. A person's gender is
/// the entity's own, else its registry entry's (by link, or by name where
/// the registry holds exactly one such person), else unknown.
pub fn quoted_in(doc: &Annotations, registry: Option<&Registry>) -> Quoted {
    let facts = ArticleFacts::of("", doc);
    let mut quoted = Quoted::default();
    for s in &facts.speakers {
        let from_registry = || match registry?.lookup(s) {
            Lookup::Found(entry, _) => entry.attributes.gender,
            _ => None,
        };
        quoted.add(&s.label, s.attributes.gender.or_else(from_registry));
    }
    quoted
}

impl Quoted {
    /// The figures without the word "Quoted", for a line that says where
    /// they are from: "5 people (3 men, 1 woman, 1 unknown), 2
    /// organisations", or "nobody named".
    pub fn figures(&self) -> String {
        let mut parts = Vec::new();
        if self.people > 0 {
            let mut known: Vec<Gender> = Gender::ALL[..3]
                .iter()
                .copied()
                .filter(|&g| self.of_gender(g) > 0)
                .collect();
            known.sort_by_key(|&g| std::cmp::Reverse(self.of_gender(g)));
            if self.of_gender(Gender::Unknown) > 0 {
                known.push(Gender::Unknown);
            }
            let genders: Vec<String> = known
                .iter()
                .map(|&g| g.count_phrase(self.of_gender(g)))
                .collect();
            let noun = if self.people == 1 { "person" } else { "people" };
            parts.push(format!("{} {noun} ({})", self.people, genders.join(", ")));
        }
        if self.organisations > 0 {
            let noun = if self.organisations == 1 {
                "organisation"
            } else {
                "organisations"
            };
            parts.push(format!("{} {noun}", self.organisations));
        }
        if self.others > 0 {
            parts.push(format!("{} other", self.others));
        }
        if parts.is_empty() {
            "nobody named".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

impl fmt::Display for Quoted {
    /// "Quoted: 5 people (3 men, 1 woman, 1 unknown), 2 organisations";
    /// genders by count, unknown last, none that count zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quoted: {}", self.figures())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_reads_as_a_newsroom_writes_it() {
        let mut q = Quoted::default();
        for g in [Gender::Man, Gender::Man, Gender::Woman, Gender::Man] {
            q.add("PERSON", Some(g));
        }
        q.add("PERSON", None);
        q.add("ORG", None);
        q.add("ORG", None);
        assert_eq!(
            q.to_string(),
            "Quoted: 5 people (3 men, 1 woman, 1 unknown), 2 organisations"
        );
        assert_eq!(Quoted::default().to_string(), "Quoted: nobody named");
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        assert_eq!(count_words("“We will win — in 2026,” "), 5);
    }
}
