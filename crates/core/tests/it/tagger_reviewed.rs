//! Reviewed annotation files as training data: what a person accepted is a
//! name, what they rejected is not, what nobody decided is not learnt.

use quotecheck_core::model::EntityLabel;
use quotecheck_core::model::{Annotations, Entity, Origin, ReviewStatus, Span, Status, TextIndex};
use quotecheck_core::tagger::reviewed::{Reviewed, reviewed_document};
use quotecheck_core::tagger::tags::spans_of_tags;

fn entity(doc: &Annotations, id: &str, label: &str, words: &str, status: Status) -> Entity {
    let index = TextIndex::new(doc.text());
    let byte = doc.text().find(words).unwrap();
    let start = index.char_at_byte(byte);
    let end = index.char_at_byte(byte + words.len());
    Entity {
        id: id.into(),
        label: label.into(),
        name: words.into(),
        mentions: vec![Span::new(&index, start, end)],
        origin: Origin::Auto,
        status,
        attributes: None,
        registry: None,
        reviewed_by: None,
        extra: Default::default(),
    }
}

fn reviewed_file() -> Annotations {
    let mut doc = Annotations::new(
        "a.txt",
        "“Go,” Anna Berg told Reuters in Oslo. Summer came early. Spring ended in Bergen.",
    );
    doc.entities = vec![
        entity(&doc, "e1", "PERSON", "Anna Berg", Status::Accepted),
        entity(&doc, "e2", "ORG", "Reuters", Status::Edited),
        entity(&doc, "e3", "LOC", "Oslo", Status::Accepted),
        entity(&doc, "e4", "PERSON", "Summer", Status::Rejected),
        entity(&doc, "e5", "LOC", "Bergen", Status::Pending),
    ];
    doc.review.status = ReviewStatus::Done;
    doc
}

#[test]
fn accepted_entities_are_names_and_rejected_ones_are_not() {
    let Reviewed::Document(labeled) = reviewed_document(&reviewed_file()) else {
        panic!("a reviewed file is a training document");
    };
    let doc = &labeled.doc;
    // The sentence with the pending "Bergen" is left out of training.
    assert_eq!(doc.sentences.len(), 2);
    let found: Vec<(String, EntityLabel)> = doc
        .sentences
        .iter()
        .flat_map(|s| {
            spans_of_tags(&labeled.tags[s.clone()])
                .into_iter()
                .map(move |(a, b, e)| {
                    (
                        doc.text[doc.tokens[s.start + a].start..doc.tokens[s.start + b - 1].end]
                            .to_owned(),
                        e,
                    )
                })
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Anna Berg".to_owned(), EntityLabel::Person),
            ("Reuters".to_owned(), EntityLabel::Org),
            ("Oslo".to_owned(), EntityLabel::Loc),
        ]
    );
    let summer = doc.tokens_within(
        doc.text.find("Summer").unwrap(),
        doc.text.find(" came").unwrap(),
    );
    assert!(labeled.tags[summer].iter().all(|t| t.entity().is_none()));
}

#[test]
fn a_file_nobody_reviewed_is_skipped() {
    let mut doc = reviewed_file();
    doc.review.status = ReviewStatus::Unreviewed;
    // Saved as unreviewed with decisions in it: somebody started.
    assert!(matches!(reviewed_document(&doc), Reviewed::Document(_)));
    for e in &mut doc.entities {
        e.status = Status::Pending;
    }
    assert!(matches!(reviewed_document(&doc), Reviewed::Unreviewed));
}
