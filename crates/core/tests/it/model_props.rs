//! Any sequence of a reviewer's edits keeps the file valid, undoing them
//! all gives back the loaded file byte for byte, and a reviewer's decisions
//! (a quote's status, who decided it, its origin) change only when the
//! reviewer decides.

use std::path::Path;

use proptest::prelude::*;
use quotecheck_core::format::{from_json, load_annotations, to_json, validate};
use quotecheck_core::model::{
    Annotations, EntityLabel, History, Intent, QuoteKind, ReviewStatus, Span, Status, Taken,
    TextIndex,
};

#[derive(Debug, Clone)]
enum Op {
    /// A quote, a speaker (or nobody), and which of its mentions was
    /// clicked (or none: chosen from the list).
    SetSpeaker(usize, Option<usize>, Option<usize>),
    SetCue(usize, usize, usize),
    SetSource(usize, usize, usize),
    AcceptPending,
    SetStatus(usize, u8),
    SetKind(usize, u8),
    AddQuote(usize, usize),
    AddEntity(usize, usize),
    NewPersonAsSpeaker(usize, String),
    AddMention(usize, usize, usize),
    Rename(usize, String),
    Relabel(usize, u8),
    Merge(usize, usize),
    Delete(usize),
    Review(u8),
    /// Entity, key (gender or role), value (an index into the key's
    /// values, or none to clear).
    SetAttribute(usize, bool, Option<u8>),
    /// Adjudicating: take a version of a quote with this kind and speaker
    /// (an entity, maybe one that is gone).
    Settle(usize, u8, Option<usize>),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..40;
    let pos = 0usize..3000;
    prop_oneof![
        (
            i.clone(),
            proptest::option::of(0usize..40),
            proptest::option::of(0usize..8)
        )
            .prop_map(|(q, e, m)| Op::SetSpeaker(q, e, m)),
        (i.clone(), pos.clone(), 0usize..12).prop_map(|(q, s, l)| Op::SetCue(q, s, l)),
        (i.clone(), pos.clone(), 0usize..20).prop_map(|(q, s, l)| Op::SetSource(q, s, l)),
        Just(Op::AcceptPending),
        (i.clone(), 0u8..4).prop_map(|(q, s)| Op::SetStatus(q, s)),
        (i.clone(), 0u8..4).prop_map(|(q, k)| Op::SetKind(q, k)),
        (pos.clone(), 0usize..200).prop_map(|(s, l)| Op::AddQuote(s, l)),
        (pos.clone(), 0usize..30).prop_map(|(s, l)| Op::AddEntity(s, l)),
        (i.clone(), "\\PC{0,12}").prop_map(|(q, n)| Op::NewPersonAsSpeaker(q, n)),
        (i.clone(), pos.clone(), 0usize..30).prop_map(|(e, s, l)| Op::AddMention(e, s, l)),
        (i.clone(), "\\PC{0,12}").prop_map(|(e, n)| Op::Rename(e, n)),
        (i.clone(), 0u8..4).prop_map(|(e, l)| Op::Relabel(e, l)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Merge(a, b)),
        (i.clone(), any::<bool>(), proptest::option::of(0u8..4))
            .prop_map(|(e, gender, v)| Op::SetAttribute(e, gender, v)),
        (i.clone(), 0u8..4, proptest::option::of(0usize..40))
            .prop_map(|(q, k, e)| Op::Settle(q, k, e)),
        i.prop_map(Op::Delete),
        (0u8..3).prop_map(Op::Review),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

/// The reviewer every step is planned for, as the window names them.
const REVIEWER: &str = "Ana";

fn sample() -> Annotations {
    load_annotations(Path::new("tests/fixtures/blinken-lavrov.gold.json")).unwrap()
}

/// The intent `op` stands for on `doc` as it is (ids of items that may not
/// exist too: an intent naming them must be refused); `None` for undo and
/// redo.
fn intent_of(doc: &Annotations, index: &TextIndex, op: &Op) -> Option<Intent> {
    const STATUSES: [Status; 4] = [
        Status::Pending,
        Status::Accepted,
        Status::Edited,
        Status::Rejected,
    ];
    let labels = ["PERSON", "ORG", "LOC", "MISC"];
    let span = |start: usize, len: usize| Span::new(index, start, start + len);
    let quote = |q: usize| {
        doc.quotes
            .get(q)
            .map_or_else(|| format!("q{q}x"), |q| q.id.clone())
    };
    let entity = |e: usize| {
        doc.entities
            .get(e)
            .map_or_else(|| format!("e{e}x"), |e| e.id.clone())
    };
    // A mention of the chosen speaker, as a click in the text gives it.
    let clicked = |e: usize, pick: usize| {
        doc.entities
            .get(e)
            .filter(|e| !e.mentions.is_empty())
            .map(|e| e.mentions[pick % e.mentions.len()].clone())
    };
    Some(match op {
        Op::SetSpeaker(q, e, click) => Intent::SetSpeaker {
            quote: quote(*q),
            speaker: e.map(entity),
            mention: e.zip(*click).and_then(|(e, pick)| clicked(e, pick)),
        },
        Op::SetCue(q, s, l) => Intent::SetCue {
            quote: quote(*q),
            cue: (*l > 0).then(|| span(*s, *l)),
        },
        Op::SetSource(q, s, l) => Intent::SetSource {
            quote: quote(*q),
            source: (*l > 0).then(|| span(*s, *l)),
        },
        Op::AcceptPending => Intent::AcceptPendingQuotes,
        Op::SetStatus(q, s) => Intent::SetQuoteStatus {
            quote: quote(*q),
            status: STATUSES[*s as usize],
        },
        Op::SetKind(q, k) => Intent::SetQuoteKind {
            quote: quote(*q),
            kind: QuoteKind::ALL[*k as usize],
        },
        Op::AddQuote(s, l) => Intent::AddQuote {
            kind: QuoteKind::Direct,
            content: span(*s, *l),
        },
        Op::AddEntity(s, l) => Intent::AddEntity {
            label: "PERSON".to_owned(),
            mention: span(*s, *l),
        },
        Op::NewPersonAsSpeaker(q, n) => Intent::NewPersonAsSpeaker {
            quote: quote(*q),
            name: n.clone(),
        },
        Op::AddMention(e, s, l) => Intent::AddMention {
            entity: entity(*e),
            mention: span(*s, *l),
        },
        Op::Rename(e, n) => Intent::RenameEntity {
            entity: entity(*e),
            name: n.clone(),
        },
        Op::Relabel(e, l) => Intent::SetEntityLabel {
            entity: entity(*e),
            label: labels[*l as usize].to_owned(),
        },
        Op::Merge(a, b) => Intent::MergeEntities {
            from: entity(*a),
            into: entity(*b),
        },
        Op::Delete(e) => Intent::DeleteEntity { entity: entity(*e) },
        Op::Review(s) => Intent::SetReviewStatus(
            [
                ReviewStatus::Unreviewed,
                ReviewStatus::InProgress,
                ReviewStatus::Done,
            ][*s as usize],
        ),
        Op::SetAttribute(e, gender, value) => {
            let (key, values) = if *gender {
                ("gender", ["woman", "man", "nonbinary", "unknown"])
            } else {
                (
                    "role",
                    ["official", "expert", "eyewitness", "a free-text role"],
                )
            };
            Intent::SetAttribute {
                entity: entity(*e),
                key: key.to_owned(),
                value: value.map(|v| values[v as usize].to_owned()),
            }
        }
        Op::Settle(q, k, e) => {
            let taken = doc.quotes.get(*q).map(|old| {
                let mut version = old.clone();
                version.kind = QuoteKind::ALL[*k as usize];
                version.speaker = e.map(entity);
                version.status = Status::Accepted;
                Taken::Quote(Box::new(version))
            });
            Intent::Settle {
                key: format!("{} kind", quote(*q)),
                taken,
                name: "Take B's kind".to_owned(),
            }
        }
        Op::Undo | Op::Redo => return None,
    })
}

/// Applies `op` the way the window does: an intent naming ids, planned
/// against the current model, then handed to the history.
fn apply(doc: &mut Annotations, history: &mut History, index: &TextIndex, op: &Op) {
    match (op, intent_of(doc, index, op)) {
        (Op::Undo, _) => {
            history
                .undo(doc)
                .expect("an undo of the history's own change fits");
        }
        (Op::Redo, _) => {
            history
                .redo(doc)
                .expect("a redo of the history's own change fits");
        }
        (_, Some(intent)) => {
            // A refused intent (an id that is gone, an empty span) changes nothing.
            if let Ok(Some(plan)) = intent.plan_by(doc, Some(REVIEWER)) {
                history
                    .apply(doc, plan.transaction)
                    .expect("a transaction planned against the model fits it");
            }
        }
        (_, None) => {}
    }
}

/// The quote an intent decides on, if it decides on one.
fn decided_quote(intent: &Intent) -> Option<&str> {
    match intent {
        Intent::SetQuoteStatus { quote, .. }
        | Intent::SetQuoteKind { quote, .. }
        | Intent::SetSpeaker { quote, .. }
        | Intent::SetCue { quote, .. }
        | Intent::SetSource { quote, .. }
        | Intent::NewPersonAsSpeaker { quote, .. } => Some(quote),
        Intent::Settle {
            taken: Some(Taken::Quote(q)),
            ..
        } => Some(&q.id),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn edits_keep_the_file_valid_and_undo_restores_it(ops in proptest::collection::vec(op(), 1..40)) {
        let loaded = sample();
        let original = to_json(&loaded).unwrap();
        let index = TextIndex::new(loaded.text());
        let mut doc = loaded.clone();
        let mut history = History::default();
        for op in &ops {
            apply(&mut doc, &mut history, &index, op);
            prop_assert_eq!(validate(&doc), Vec::<String>::new(), "after {:?}", op);
        }
        // What is saved loads again as the same model.
        let saved = to_json(&doc).unwrap();
        let reloaded = from_json(Path::new("saved.json"), &saved);
        prop_assert!(reloaded.is_ok(), "{:?}", reloaded.err());
        while history.undo(&mut doc).expect("undo fits") {}
        prop_assert_eq!(history.state(), 0);
        prop_assert_eq!(to_json(&doc).unwrap(), original);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn decisions_change_only_when_the_reviewer_decides(ops in proptest::collection::vec(op(), 1..40)) {
        let loaded = sample();
        let index = TextIndex::new(loaded.text());
        let mut doc = loaded.clone();
        let mut history = History::default();
        for op in &ops {
            let before = doc.clone();
            let intent = intent_of(&doc, &index, op);
            // Whether the intent was carried out (or found nothing to do).
            let done = intent.as_ref().is_some_and(|i| i.plan_by(&doc, Some(REVIEWER)).is_ok());
            apply(&mut doc, &mut history, &index, op);
            for q in &doc.quotes {
                let Some(old) = before.quote_index(&q.id).map(|i| &before.quotes[i]) else {
                    continue; // made by this step (or brought back by undo)
                };
                // Who made a tag never changes, whatever happens around it.
                prop_assert_eq!(q.origin, old.origin, "{} after {:?}", q.id, op);
                let Some(intent) = &intent else { continue };
                if decided_quote(intent) == Some(q.id.as_str()) {
                    // A decision names the reviewer; a quote sent back to
                    // pending names nobody.
                    if done && q != old {
                        let by = (q.status != Status::Pending).then_some(REVIEWER);
                        prop_assert_eq!(q.reviewed_by.as_deref(), by, "{} after {:?}", q.id, op);
                    }
                    continue;
                }
                let expected = match intent {
                    Intent::AcceptPendingQuotes if old.status == Status::Pending => Status::Accepted,
                    Intent::DeleteEntity { entity } if old.speaker.as_deref() == Some(entity.as_str()) => {
                        prop_assert_eq!(q.speaker.as_deref(), None);
                        if old.status == Status::Rejected { Status::Rejected } else { Status::Pending }
                    }
                    _ => old.status,
                };
                prop_assert_eq!(q.status, expected, "{} after {:?}", q.id, op);
                // Who decided follows the status: unchanged with it, the
                // reviewer where they decided, nobody where it went back
                // to pending.
                let by = if q.status == old.status {
                    old.reviewed_by.as_deref()
                } else {
                    (q.status != Status::Pending).then_some(REVIEWER)
                };
                prop_assert_eq!(q.reviewed_by.as_deref(), by, "{} after {:?}", q.id, op);
            }
            // A file's review starts with the first change to its tags; its
            // status changes otherwise only when the reviewer sets it (or
            // settles the last difference of two reviews).
            if let Some(intent) = &intent
                && !matches!(intent, Intent::SetReviewStatus(_) | Intent::Settle { .. })
            {
                let changed = doc.quotes != before.quotes || doc.entities != before.entities;
                let expected = match before.review.status {
                    ReviewStatus::Unreviewed if changed => ReviewStatus::InProgress,
                    status => status,
                };
                prop_assert_eq!(doc.review.status, expected, "after {:?}", op);
            }
            // Source and cue set by hand never share words (setting again
            // what a quote already has changes nothing and is no error).
            if let Some(Intent::SetSource { quote, source: Some(_) } | Intent::SetCue { quote, cue: Some(_) }) = &intent
                && done
                && doc.quotes != before.quotes
                && let Some(q) = doc.quote_index(quote).map(|i| &doc.quotes[i])
                && let (Some(source), Some(cue)) = (&q.source, &q.cue)
            {
                prop_assert!(!source.overlaps(cue), "{:?} overlaps {:?}", source, cue);
            }
            // Source and speaker agree after choosing a speaker.
            if let Some(Intent::SetSpeaker { quote, speaker, mention }) = &intent
                && done
                && let Some(q) = doc.quote_index(quote).map(|i| &doc.quotes[i])
            {
                match (speaker, mention) {
                    // A description stays ("Western officials"); a name goes.
                    (None, _) => {
                        let old = &before.quotes[before.quote_index(quote).unwrap()];
                        let names_somebody = |s: &Span| {
                            doc.entities.iter().any(|e| {
                                EntityLabel::name_can_speak(&e.label)
                                    && e.mentions.iter().any(|m| m.overlaps(s))
                            })
                        };
                        let kept = old.source.clone().filter(|s| !names_somebody(s));
                        prop_assert_eq!(&q.source, &kept);
                    }
                    // The name clicked is the source, unless it lies in
                    // the quote's own words (what is said, not who says it).
                    (Some(e), mention) => {
                        let entity = &doc.entities[doc.entity_index(e).unwrap()];
                        let inside = |s: &Span| q.content.iter().any(|c| c.overlaps(s));
                        match mention.as_ref().filter(|m| !inside(m)) {
                            Some(m) => prop_assert_eq!(&q.source, &m.trimmed()),
                            None => {
                                let names = |s: &Span| entity.mentions.iter().any(|m| m.overlaps(s));
                                let names_it = q.source.as_ref().is_none_or(names);
                                prop_assert!(names_it, "{:?} names {}", q.source, e);
                                let old = &before.quotes[before.quote_index(quote).unwrap()];
                                let kept = old.source.as_ref().is_some_and(names);
                                let outside = entity.mentions.iter().any(|m| !inside(m));
                                prop_assert_eq!(q.source.is_none(), !kept && !outside);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A quote whose source shares words with its cue (a file from another
/// tool may hold one) can be given the same cue or source again: that
/// changes nothing and is no error. A new span that would overlap is
/// refused.
#[test]
fn setting_again_what_a_quote_has_is_no_overlap_error() {
    let mut doc = sample();
    let index = TextIndex::new(doc.text());
    let q = doc.quotes.iter().position(|q| q.cue.is_some()).unwrap();
    let cue = doc.quotes[q].cue.clone().unwrap();
    doc.quotes[q].source = Some(cue.clone());
    let id = doc.quotes[q].id.clone();
    let same_cue = Intent::SetCue {
        quote: id.clone(),
        cue: Some(cue.clone()),
    };
    assert!(matches!(same_cue.plan(&doc), Ok(None)));
    let same_source = Intent::SetSource {
        quote: id.clone(),
        source: Some(cue.clone()),
    };
    assert!(matches!(same_source.plan(&doc), Ok(None)));
    let part = Span::new(&index, cue.start, cue.start + 1);
    let refused = Intent::SetCue {
        quote: id,
        cue: Some(part),
    };
    assert!(refused.plan(&doc).is_err());
}
