//! Any sequence of a reviewer's edits keeps the file valid, and undoing
//! them all gives back the loaded file byte for byte.

use std::path::Path;

use proptest::prelude::*;
use quotecheck_core::format::{from_json, load_annotations, to_json, validate};
use quotecheck_core::model::{
    Annotations, History, Intent, QuoteKind, ReviewStatus, Span, Status, TextIndex,
};

#[derive(Debug, Clone)]
enum Op {
    SetSpeaker(usize, Option<usize>),
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
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..40;
    let pos = 0usize..3000;
    prop_oneof![
        (i.clone(), proptest::option::of(0usize..40)).prop_map(|(q, e)| Op::SetSpeaker(q, e)),
        (i.clone(), 0u8..4).prop_map(|(q, s)| Op::SetStatus(q, s)),
        (i.clone(), 0u8..4).prop_map(|(q, k)| Op::SetKind(q, k)),
        (pos.clone(), 0usize..200).prop_map(|(s, l)| Op::AddQuote(s, l)),
        (pos.clone(), 0usize..30).prop_map(|(s, l)| Op::AddEntity(s, l)),
        (i.clone(), "\\PC{0,12}").prop_map(|(q, n)| Op::NewPersonAsSpeaker(q, n)),
        (i.clone(), pos.clone(), 0usize..30).prop_map(|(e, s, l)| Op::AddMention(e, s, l)),
        (i.clone(), "\\PC{0,12}").prop_map(|(e, n)| Op::Rename(e, n)),
        (i.clone(), 0u8..4).prop_map(|(e, l)| Op::Relabel(e, l)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Merge(a, b)),
        i.prop_map(Op::Delete),
        (0u8..3).prop_map(Op::Review),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn sample() -> Annotations {
    load_annotations(Path::new("tests/fixtures/blinken-lavrov.gold.json")).unwrap()
}

/// Applies `op` the way the window does: an intent naming ids, planned
/// against the current model, then handed to the history.
fn apply(doc: &mut Annotations, history: &mut History, index: &TextIndex, op: &Op) {
    const STATUSES: [Status; 4] = [
        Status::Pending,
        Status::Accepted,
        Status::Edited,
        Status::Rejected,
    ];
    let labels = ["PERSON", "ORG", "LOC", "MISC"];
    let span = |start: usize, len: usize| Span::new(index, start, start + len);
    // Ids of items that may not exist: an intent naming them must be refused.
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
    let intent = match op {
        Op::SetSpeaker(q, e) => Intent::SetSpeaker {
            quote: quote(*q),
            speaker: e.map(entity),
        },
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
        Op::Undo => {
            history
                .undo(doc)
                .expect("an undo of the history's own change fits");
            return;
        }
        Op::Redo => {
            history
                .redo(doc)
                .expect("a redo of the history's own change fits");
            return;
        }
    };
    // A refused intent (an id that is gone, an empty span) changes nothing.
    if let Ok(Some(plan)) = intent.plan(doc) {
        history
            .apply(doc, plan.transaction)
            .expect("a transaction planned against the model fits it");
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
