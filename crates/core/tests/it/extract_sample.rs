//! The extractor on the bundled sample article against its reviewed gold
//! annotations (`tests/fixtures/blinken-lavrov.gold.json`).

use std::path::Path;

use quotecheck_core::extract::extract;
use quotecheck_core::format::{from_json, validate};
use quotecheck_core::model::{Annotations, Quote, QuoteKind, Span};

const TEXT: &str = quotecheck_core::sample::TEXT;
const GOLD: &[u8] = include_bytes!("../fixtures/blinken-lavrov.gold.json");

fn gold() -> Annotations {
    from_json(Path::new("blinken-lavrov.gold.json"), GOLD).expect("the gold fixture is valid")
}

fn spans(spans: &[Span]) -> Vec<(usize, usize)> {
    spans.iter().map(|s| (s.start, s.end)).collect()
}

/// The mentions of a quote's speaker, so that speakers compare across files
/// whose entity ids differ.
fn speaker_mentions(doc: &Annotations, q: &Quote) -> Option<Vec<(usize, usize)>> {
    let id = q.speaker.as_deref()?;
    doc.entity(id).map(|e| spans(&e.mentions))
}

fn assert_found(pred: &Annotations, gold: &Annotations, gold_quote: &Quote) {
    let found = pred
        .quotes
        .iter()
        .find(|q| spans(&q.content) == spans(&gold_quote.content));
    let Some(found) = found else {
        panic!("not found: {:?}", gold_quote.content[0].text);
    };
    assert_eq!(found.kind, gold_quote.kind, "kind of {}", gold_quote.id);
    assert_eq!(
        found.source.as_ref().map(|s| (s.start, s.end)),
        gold_quote.source.as_ref().map(|s| (s.start, s.end)),
        "source of {}",
        gold_quote.id
    );
    assert_eq!(
        speaker_mentions(pred, found),
        speaker_mentions(gold, gold_quote),
        "speaker of {}",
        gold_quote.id
    );
}

#[test]
fn finds_every_direct_and_partial_quote_with_its_speaker() {
    let gold = gold();
    let pred = extract("blinken-lavrov.txt", TEXT);
    let quoted = gold
        .quotes
        .iter()
        .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial));
    for q in quoted {
        assert_found(&pred, &gold, q);
    }
}

#[test]
fn finds_the_reported_speech_of_the_sample() {
    let gold = gold();
    let pred = extract("blinken-lavrov.txt", TEXT);
    // "… said Tuesday he would not go …", "The secretary said he sent …":
    // content, source and speaker.
    for id in ["q1", "q3"] {
        let q = gold.quotes.iter().find(|q| q.id == id).expect("gold quote");
        assert_found(&pred, &gold, q);
    }
    // "Western officials say Russia …, overt financial support and …":
    // the model ends the content at the comma of the list. The reference
    // scorer still matches it (it lies inside the gold content, which is
    // over half of the shorter one); the source must be right.
    let q5 = gold
        .quotes
        .iter()
        .find(|q| q.id == "q5")
        .expect("gold quote");
    let gold_content = &q5.content[0];
    let found = pred
        .quotes
        .iter()
        .find(|q| q.content[0].start == gold_content.start)
        .expect("the reported speech of q5");
    assert!(found.content[0].end <= gold_content.end);
    assert_eq!(
        found.source.as_ref().map(|s| s.text.as_str()),
        Some("Western officials")
    );
}

#[test]
fn groups_each_person_with_all_its_mentions_and_tags_no_person_org() {
    let gold = gold();
    let pred = extract("blinken-lavrov.txt", TEXT);
    for person in gold.entities.iter().filter(|e| e.label == "PERSON") {
        let found = pred
            .entities
            .iter()
            .find(|e| spans(&e.mentions) == spans(&person.mentions));
        let Some(found) = found else {
            panic!("{} not grouped as in the gold", person.name);
        };
        assert_eq!(found.label, "PERSON", "{}", person.name);
        assert_eq!(found.name, person.name);
    }
    let person_mentions: Vec<&Span> = gold
        .entities
        .iter()
        .filter(|e| e.label == "PERSON")
        .flat_map(|e| &e.mentions)
        .collect();
    for org in pred.entities.iter().filter(|e| e.label != "PERSON") {
        for m in &org.mentions {
            assert!(
                !person_mentions.iter().any(|p| p.overlaps(m)),
                "{} tagged {}",
                m.text,
                org.label
            );
        }
    }
}

#[test]
fn finds_every_organisation_whole_with_all_its_mentions() {
    // "the so-called Donetsk People’s Republic and Luhansk People’s
    // Republic": names with a possessive inside are one name each.
    let gold = gold();
    let pred = extract("blinken-lavrov.txt", TEXT);
    for org in gold.entities.iter().filter(|e| e.label == "ORG") {
        assert!(
            pred.entities
                .iter()
                .any(|e| e.label == "ORG" && spans(&e.mentions) == spans(&org.mentions)),
            "{} is no ORG with the gold's mentions",
            org.name
        );
    }
}

#[test]
fn writes_a_valid_file_of_pending_automatic_tags() {
    let pred = extract("blinken-lavrov.txt", TEXT);
    assert_eq!(validate(&pred), Vec::<String>::new());
    assert_eq!(pred.document.sha256, gold().document.sha256);
    for q in &pred.quotes {
        assert_eq!(q.status, quotecheck_core::model::Status::Pending);
        let c = q.confidence.expect("every quote has a confidence");
        assert!((0.0..=1.0).contains(&c));
    }
}

#[test]
fn progress_rises_to_the_end_and_a_stop_is_obeyed() {
    use quotecheck_core::extract::{Models, extract_observed};
    use std::ops::ControlFlow;

    // A long article, so the tagger reports from inside its walk too.
    let long = TEXT.repeat(40);
    let mut seen = Vec::new();
    let ControlFlow::Continue(doc) =
        extract_observed::<()>("long.txt", &long, Models::bundled(), |share| {
            seen.push(share);
            ControlFlow::Continue(())
        })
    else {
        panic!("nothing asked to stop");
    };
    assert_eq!(doc, extract("long.txt", &long), "observing changes nothing");
    assert!(seen.len() > 4, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!((seen[0], *seen.last().unwrap()), (0.0, 1.0));

    // Stopping halfway ends the work there.
    let mut calls = 0;
    let stopped = extract_observed("long.txt", &long, Models::bundled(), |share| {
        calls += 1;
        if share >= 0.5 {
            ControlFlow::Break(share)
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(matches!(stopped, ControlFlow::Break(share) if share < 0.9));
    assert!(calls < seen.len());
}

#[test]
fn a_reviewer_can_take_the_least_sure_quotes_first() {
    use quotecheck_core::model::{Intent, Status};

    let mut doc = extract("sample.txt", TEXT);
    let order = doc.quotes_least_sure_first();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..doc.quotes.len()).collect::<Vec<_>>());
    let confidences: Vec<f64> = (doc.quotes.iter())
        .map(|q| q.confidence.expect("extracted quotes have one"))
        .collect();
    let confidence = |i: usize| confidences[i];
    assert!(
        order
            .windows(2)
            .all(|w| confidence(w[0]) <= confidence(w[1])),
        "{:?}",
        order.iter().map(|&i| confidence(i)).collect::<Vec<_>>()
    );
    let least = confidence(order[0]);
    assert!(
        least < confidence(order[order.len() - 1]),
        "all equally sure"
    );
    assert_eq!(doc.least_sure_pending(), Some(least));

    // Once that quote is decided, the article's least sure pending quote
    // is the next one; the order itself does not move.
    let id = doc.quotes[order[0]].id.clone();
    let plan = Intent::SetQuoteStatus {
        quote: id,
        status: Status::Accepted,
    }
    .plan(&doc)
    .unwrap()
    .unwrap();
    plan.transaction.apply(&mut doc).unwrap();
    assert_eq!(doc.least_sure_pending(), Some(confidence(order[1])));
    assert_eq!(doc.quotes_least_sure_first(), order);
}
