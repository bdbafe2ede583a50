//! Any sequence of a reviewer's edits keeps the file valid, and undoing
//! them all gives back the loaded file byte for byte.

use std::path::Path;

use proptest::prelude::*;
use quotecheck_core::format::{from_json, load_annotations, to_json, validate};
use quotecheck_core::model::{
    Annotations, History, QuoteKind, ReviewStatus, Span, Status, TextIndex, Transaction,
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
    /// Entity, key (gender or role), value (an index into the key's
    /// values, or none to clear).
    SetAttribute(usize, bool, Option<u8>),
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
        (i.clone(), any::<bool>(), proptest::option::of(0u8..4))
            .prop_map(|(e, gender, v)| Op::SetAttribute(e, gender, v)),
        i.prop_map(Op::Delete),
        (0u8..3).prop_map(Op::Review),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn sample() -> Annotations {
    load_annotations(Path::new("tests/fixtures/blinken-lavrov.gold.json")).unwrap()
}

/// Applies `op` the way the window does: build a transaction from the
/// current model, then hand it to the history.
fn apply(doc: &mut Annotations, history: &mut History, index: &TextIndex, op: &Op) {
    const STATUSES: [Status; 4] = [
        Status::Pending,
        Status::Accepted,
        Status::Edited,
        Status::Rejected,
    ];
    let labels = ["PERSON", "ORG", "LOC", "MISC"];
    let span = |start: usize, len: usize| Span::new(index, start, start + len);
    let entity_id = |e: usize| doc.entities.get(e).map(|e| e.id.clone());
    let tx = match op {
        Op::SetSpeaker(q, e) => Transaction::set_speaker(doc, *q, e.and_then(entity_id)),
        Op::SetStatus(q, s) => Transaction::set_quote_status(doc, *q, STATUSES[*s as usize]),
        Op::SetKind(q, k) => Transaction::set_quote_kind(doc, *q, QuoteKind::ALL[*k as usize]),
        Op::AddQuote(s, l) => Some(Transaction::add_quote(doc, QuoteKind::Direct, span(*s, *l))),
        Op::AddEntity(s, l) => Some(Transaction::add_entity(doc, "PERSON", span(*s, *l))),
        Op::NewPersonAsSpeaker(q, n) => Transaction::new_person_as_speaker(doc, *q, n),
        Op::AddMention(e, s, l) => Transaction::add_mention(doc, *e, span(*s, *l)),
        Op::Rename(e, n) => Transaction::rename_entity(doc, *e, n),
        Op::Relabel(e, l) => Transaction::set_entity_label(doc, *e, labels[*l as usize]),
        Op::Merge(a, b) => Transaction::merge_entities(doc, *a, *b),
        Op::Delete(e) => Transaction::delete_entity(doc, *e),
        Op::Review(s) => Some(Transaction::set_review_status(
            [
                ReviewStatus::Unreviewed,
                ReviewStatus::InProgress,
                ReviewStatus::Done,
            ][*s as usize],
        )),
        Op::SetAttribute(e, gender, value) => {
            let (key, values) = if *gender {
                ("gender", ["woman", "man", "nonbinary", "unknown"])
            } else {
                (
                    "role",
                    ["official", "expert", "eyewitness", "a free-text role"],
                )
            };
            Transaction::set_attribute(doc, *e, key, value.map(|v| values[v as usize]))
        }
        Op::Undo => {
            history.undo(doc);
            None
        }
        Op::Redo => {
            history.redo(doc);
            None
        }
    };
    if let Some(tx) = tx {
        assert!(
            history.apply(doc, tx),
            "a transaction built from the model fits it"
        );
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
        while history.undo(&mut doc) {}
        prop_assert_eq!(history.state(), 0);
        prop_assert_eq!(to_json(&doc).unwrap(), original);
    }
}
