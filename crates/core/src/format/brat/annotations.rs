//! A [`Standoff`] turned into annotations: entities from text-bound lines
//! and their equivalences, quotes from attribution events.

use std::collections::HashMap;

use crate::model::{
    Annotations, Attributes, Entity, EntityLabel, Origin, Quote, QuoteKind, Span, Status,
    TextIndex, attribute_problems,
};

use super::parse::{quote_kind, status};
use super::{Attribution, Standoff, TextBound, shortened};

/// A parsed file and its article, turned into annotations.
pub(super) struct Reading<'a> {
    pub(super) standoff: &'a Standoff,
    pub(super) index: &'a TextIndex,
    pub(super) by_id: HashMap<&'a str, &'a TextBound>,
}

impl<'a> Reading<'a> {
    fn span(&self, (a, b): (usize, usize)) -> Span {
        Span::new(self.index, a, b)
    }

    /// The entities, each from a group of mentions; returns the entity of
    /// each mention id.
    pub(super) fn add_entities(
        &self,
        doc: &mut Annotations,
        warnings: &mut Vec<String>,
    ) -> Result<HashMap<&'a str, String>, String> {
        let mut entity_of_mention = HashMap::new();
        for ids in self.mention_groups() {
            let Some(first) = ids.first().and_then(|id| self.by_id.get(id)) else {
                continue;
            };
            let label = entity_label(&first.kind).to_owned();
            if !doc.labels.contains(&label) {
                doc.labels.push(label.clone());
            }
            let id = format!("e{}", doc.entities.len() + 1);
            let mut mentions = Vec::new();
            for &tid in &ids {
                let Some(tb) = self.by_id.get(tid) else {
                    continue;
                };
                mentions.push(self.span(covering_span(tid, tb, self.index, warnings)));
                entity_of_mention.insert(tid, id.clone());
            }
            mentions.sort_by_key(|m: &Span| (m.start, m.end));
            let entity = self.entity(id, label, &ids, mentions, warnings)?;
            doc.entities.push(entity);
        }
        Ok(entity_of_mention)
    }

    /// Entity mention ids grouped: by `*` lines, and the rest by equal text
    /// and label.
    fn mention_groups(&self) -> Vec<Vec<&'a str>> {
        let (mut group_of, mut groups) = equivalence_groups(&self.standoff.equivalences);
        let mut by_text: HashMap<(String, String), usize> = HashMap::new();
        for (id, tb) in &self.standoff.text_bounds {
            if !is_entity_type(&tb.kind) || group_of.contains_key(id.as_str()) {
                continue;
            }
            let text = joined(&tb.spans)
                .map(|(a, b)| self.index.slice(a, b).to_owned())
                .unwrap_or_default();
            let key = (entity_label(&tb.kind).to_owned(), text);
            let g = *by_text.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            group_of.insert(id, g);
            groups[g].push(id);
        }
        groups.retain(|g| !g.is_empty());
        groups
    }

    /// An entity of the mentions `ids`, with what the notes on them say.
    fn entity(
        &self,
        id: String,
        label: String,
        ids: &[&str],
        mentions: Vec<Span>,
        warnings: &mut Vec<String>,
    ) -> Result<Entity, String> {
        let mut note = |prefix: &str| self.noted(ids, prefix, warnings);
        let name = note("name: ")
            .map(str::to_owned)
            .or_else(|| {
                mentions
                    .iter()
                    .map(|m| m.text.clone())
                    .max_by_key(|t| t.chars().count())
            })
            .unwrap_or_default();
        let attributes = note("attributes: ")
            .map(|json| parse_attributes(&id, json))
            .transpose()?;
        let registry = note("registry: ").map(str::to_owned);
        Ok(Entity {
            id,
            label,
            name,
            mentions,
            origin: Origin::Auto,
            status: Status::Pending,
            attributes,
            registry,
            reviewed_by: None,
            extra: Default::default(),
        })
    }

    /// What the notes on the mentions `ids` say after `prefix`. An entity
    /// has one name (one registry link…): when its mentions were noted with
    /// different ones, the first is kept and the warning names them all.
    fn noted(&self, ids: &[&str], prefix: &str, warnings: &mut Vec<String>) -> Option<&'a str> {
        let values: Vec<&str> = self
            .standoff
            .notes
            .iter()
            .filter(|(target, _)| ids.contains(&target.as_str()))
            .filter_map(|(_, note)| note.strip_prefix(prefix))
            .collect();
        let first = *values.first()?;
        if values.iter().any(|v| *v != first) {
            warnings.push(format!(
                "the mentions {} are one entity, noted with different {}s ({}); \
                 the first is kept",
                ids.join(", "),
                prefix.trim_end_matches([':', ' ']),
                values.join(" | ")
            ));
        }
        Some(first)
    }

    pub(super) fn add_quotes(
        &self,
        doc: &mut Annotations,
        entity_of_mention: &HashMap<&str, String>,
        warnings: &mut Vec<String>,
    ) {
        for (k, a) in self.standoff.attributions.iter().enumerate() {
            let content: Vec<Span> = a.content.iter().map(|&s| self.span(s)).collect();
            let kind = a
                .attributes
                .get("Kind")
                .map(String::as_str)
                .and_then(quote_kind)
                .unwrap_or_else(|| kind_from_marks(&content));
            let status = a
                .attributes
                .get("Status")
                .map(String::as_str)
                .and_then(status)
                .unwrap_or(Status::Pending);
            let speaker = match (a.speaker.as_deref(), a.attributes.get("SpeakerName")) {
                (Some(mention), _) => entity_of_mention.get(mention).cloned(),
                (None, Some(name)) => Some(person_without_mentions(doc, name)),
                (None, None) => None,
            };
            let cue = self.one_role_span(a, "Cue", &a.cue_ids, warnings);
            let source = self.one_role_span(a, "Source", &a.source_ids, warnings);
            doc.quotes.push(Quote {
                id: format!("q{}", k + 1),
                kind,
                content,
                cue: cue.map(|s| self.span(s)),
                source: source.map(|s| self.span(s)),
                speaker,
                confidence: None,
                origin: Origin::Auto,
                status,
                reviewed_by: None,
                extra: Default::default(),
            });
        }
    }

    /// The one cue (or source) a quote holds, from the roles of its event.
    /// Several roles side by side (only spaces between) make one span, which
    /// adds nothing; roles apart would make a span taking in all the text
    /// between, so the first is kept and the others named.
    fn one_role_span(
        &self,
        a: &Attribution,
        role: &str,
        ids: &[String],
        warnings: &mut Vec<String>,
    ) -> Option<(usize, usize)> {
        let (first, rest) = ids.split_first()?;
        let tb = self.by_id.get(first.as_str())?;
        if !rest.is_empty() {
            let all: Vec<(usize, usize)> = ids
                .iter()
                .filter_map(|id| self.by_id.get(id.as_str()))
                .flat_map(|tb| tb.spans.iter().copied())
                .collect();
            if words_between(&all, self.index).is_none() {
                return joined(&all);
            }
            warnings.push(format!(
                "line {}: {} has {} {role} roles and a quote holds one {role}; \
                 {first} is kept, {} left out",
                a.line,
                a.id,
                ids.len(),
                rest.join(", ")
            ));
        }
        Some(covering_span(first, tb, self.index, warnings))
    }
}

/// The mention ids of `*` lines in groups, with the group of each id.
/// Lines that share an id make one group: brat's equivalence is transitive.
fn equivalence_groups(equivalences: &[Vec<String>]) -> (HashMap<&str, usize>, Vec<Vec<&str>>) {
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for ids in equivalences {
        let target = ids
            .iter()
            .find_map(|id| group_of.get(id.as_str()).copied())
            .unwrap_or_else(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
        for id in ids {
            match group_of.get(id.as_str()).copied() {
                None => {
                    group_of.insert(id, target);
                    groups[target].push(id);
                }
                Some(g) if g != target => {
                    let moved = std::mem::take(&mut groups[g]);
                    for m in &moved {
                        group_of.insert(m, target);
                    }
                    groups[target].extend(moved);
                }
                Some(_) => {}
            }
        }
    }
    (group_of, groups)
}

/// The one span of a text-bound annotation where the annotation file holds
/// one (a mention, a cue, a source): from its first start to its last end.
/// That loses no character that was marked, where keeping a piece would; and
/// brat splits a selection at each line break, so the pieces mostly have
/// only spaces between. When words lie between them, the span takes those
/// in, and the warning says so.
fn covering_span(
    id: &str,
    tb: &TextBound,
    index: &TextIndex,
    warnings: &mut Vec<String>,
) -> (usize, usize) {
    let (start, end) = joined(&tb.spans).unwrap_or_default();
    if let Some(between) = words_between(&tb.spans, index) {
        warnings.push(format!(
            "line {}: {id} ({}) is in {} pieces and is read as one span, {start}..{end}, \
             taking in {:?} between them",
            tb.line,
            tb.kind,
            tb.spans.len(),
            shortened(&between)
        ));
    }
    (start, end)
}

/// The text between the pieces `spans` other than whitespace, if any.
fn words_between(spans: &[(usize, usize)], index: &TextIndex) -> Option<String> {
    let mut sorted = spans.to_vec();
    sorted.sort_unstable();
    let gaps: Vec<&str> = sorted
        .windows(2)
        .filter(|w| w[0].1 < w[1].0)
        .map(|w| index.slice(w[0].1, w[1].0))
        .filter(|gap| !gap.trim().is_empty())
        .collect();
    (!gaps.is_empty()).then(|| gaps.join(" … "))
}

/// An entity's attributes as `to_standoff` writes them in a note: the
/// annotation file's JSON object, checked as a loaded file's would be.
fn parse_attributes(entity: &str, json: &str) -> Result<Attributes, String> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| format!("entity {entity}: attributes note is not JSON: {e}"))?;
    let problems = attribute_problems(&format!("entity {entity}"), &value);
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    serde_json::from_value(value).map_err(|e| format!("entity {entity}: attributes: {e}"))
}

/// The id of the person named `name` who has no mention in the text,
/// added on first use.
fn person_without_mentions(doc: &mut Annotations, name: &str) -> String {
    if let Some(e) = doc
        .entities
        .iter()
        .find(|e| e.mentions.is_empty() && e.name == name)
    {
        return e.id.clone();
    }
    let id = format!("e{}", doc.entities.len() + 1);
    doc.entities.push(Entity::by_reviewer(
        id.clone(),
        EntityLabel::Person.as_str(),
        name.to_owned(),
        Vec::new(),
    ));
    id
}

/// One span from first to last of several.
fn joined(spans: &[(usize, usize)]) -> Option<(usize, usize)> {
    let start = spans.iter().map(|s| s.0).min()?;
    let end = spans.iter().map(|s| s.1).max()?;
    Some((start, end))
}

pub(super) fn is_entity_type(kind: &str) -> bool {
    matches!(
        kind,
        "PERSON" | "PER" | "ORG" | "LOC" | "GPE" | "MISC" | "NORP" | "FAC"
    )
}

/// Other tools' labels mapped to the CoNLL set.
pub(super) fn entity_label(kind: &str) -> &str {
    match kind {
        "PER" => "PERSON",
        "GPE" | "FAC" => "LOC",
        "NORP" => "MISC",
        other => other,
    }
}

/// Kind of a quote read from a format that does not say: by its marks.
pub fn kind_from_marks(content: &[Span]) -> QuoteKind {
    const MARKS: [char; 4] = ['"', '“', '”', '«'];
    let quoted = |s: &Span| {
        let t = s.text.trim_end_matches(['.', ',', ' ']);
        t.starts_with(MARKS) && t.ends_with(['"', '”', '»'])
    };
    let any_mark = content.iter().any(|s| s.text.contains(MARKS));
    if !content.is_empty() && content.iter().all(quoted) {
        QuoteKind::Direct
    } else if any_mark {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}
