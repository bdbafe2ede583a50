//! CoNLL-style IOB for entity training: a token a line (`WORD -X- -X- TAG`,
//! the CoNLL-2003 columns with no part-of-speech), a blank line between
//! sentences, `-DOCSTART-` before each article.

use crate::model::{Annotations, Span, Status, TextIndex};
use crate::tokenize::{TokenKind, tokenize};

/// The CoNLL tag of one of our labels.
fn conll_label(label: &str) -> &str {
    match label {
        "PERSON" => "PER",
        other => other,
    }
}

/// The article as IOB2 lines. Mentions of rejected entities are left out:
/// they are not entities; and only the name part of a mention is a name
/// ([`Span::name_part`]: "the Pentagon" is O B-ORG, "the secretary" O O).
pub fn to_conll(doc: &Annotations) -> String {
    let text = doc.text();
    let (mentions, _) = one_name_per_word(doc);
    let mut out = String::from("-DOCSTART- -X- -X- O\n\n");
    let mut previous: Option<(usize, &str)> = None;
    let mut last_end = 0;
    // Mentions and tokens both go in text order: one pass over each.
    let mut next_mention = 0;
    let tokens = tokenize(text);
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && text[last_end..t.start].contains('\n') {
            out.push('\n');
            previous = None;
        }
        let word = t.text(text);
        while mentions
            .get(next_mention)
            .is_some_and(|&(_, e, _)| e <= t.start)
        {
            next_mention += 1;
        }
        let mention = (mentions.get(next_mention))
            .filter(|&&(s, e, _)| s <= t.start && t.end <= e)
            .map(|m| (next_mention, m));
        let tag = match mention {
            Some((k, &(_, _, label))) => {
                let inside = previous.is_some_and(|(pk, _)| pk == k);
                previous = Some((k, label));
                format!("{}-{label}", if inside { "I" } else { "B" })
            }
            None => {
                previous = None;
                "O".to_owned()
            }
        };
        out.push_str(&format!("{word} -X- -X- {tag}\n"));
        last_end = t.end;
        let ends_sentence = t.kind == TokenKind::Punct && matches!(word, "." | "!" | "?");
        let next_starts_upper = tokens.get(i + 1).is_some_and(|n| {
            n.text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphanumeric())
        });
        if ends_sentence && next_starts_upper {
            out.push('\n');
            previous = None;
        }
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out
}

/// A mention as IOB writes it: byte range and tag.
type TaggedRange<'a> = (usize, usize, &'a str);

/// The mentions IOB can hold, by byte range with their tags, in text order,
/// and those it cannot. IOB holds one name per word: of mentions that
/// overlap ("Mayor Ruth Okafor" ORG over "Ruth Okafor" PER) the one that
/// starts first, and of those the longest, is kept whole, rather than each
/// cut by the other.
fn one_name_per_word(doc: &Annotations) -> (Vec<TaggedRange<'_>>, Vec<TaggedRange<'_>>) {
    let index = TextIndex::new(doc.text());
    let mut mentions: Vec<TaggedRange<'_>> = doc
        .entities
        .iter()
        .filter(|e| e.status != Status::Rejected)
        .flat_map(|e| {
            e.mentions.iter().filter_map(Span::name_part).map(|m| {
                (
                    index.byte(m.start),
                    index.byte(m.end),
                    conll_label(&e.label),
                )
            })
        })
        .collect();
    mentions.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let (mut kept, mut left_out): (Vec<TaggedRange<'_>>, _) = (Vec::new(), Vec::new());
    for m in mentions {
        if kept.last().is_none_or(|&(_, end, _)| end <= m.0) {
            kept.push(m);
        } else {
            left_out.push(m);
        }
    }
    (kept, left_out)
}

/// What the IOB of `doc` cannot hold, for a person to read: each name left
/// out because another overlaps it (`"Ruth Okafor" (PER), which overlaps
/// "Mayor Ruth Okafor" (ORG)`).
pub fn left_out(doc: &Annotations) -> Vec<String> {
    let text = doc.text();
    let (kept, left_out) = one_name_per_word(doc);
    left_out
        .iter()
        .map(|&(start, end, label)| {
            let over = kept
                .iter()
                .find(|&&(s, e, _)| s < end && start < e)
                .map_or(String::new(), |&(s, e, l)| {
                    format!(", which overlaps {:?} ({l})", &text[s..e])
                });
            format!("{:?} ({label}){over}", &text[start..end])
        })
        .collect()
}
