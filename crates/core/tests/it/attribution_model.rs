//! The trained attribution model: its file, and what reviewed files teach
//! it.

use quotecheck_core::extract::attribution::AttributionModel;
use quotecheck_core::extract::attribution::training::{
    LearningOptions, prepare, reviewed_article, train,
};
use quotecheck_core::extract::{Models, extract_using};
use quotecheck_core::format::load_annotations;
use quotecheck_core::model::{Annotations, Quote, ReviewStatus, Span, Status, TextIndex};
use quotecheck_core::tagger::Tagger;

const REVIEWED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reviewed-cue");

/// An article none of the reviewed files holds, with the cue they teach.
const UNSEEN: &str = "The city council debated the library plan on Monday. \
    Librarian Eva Stone kvetched the reading room would lose its windows. \
    The plan goes to a vote next week.\n";

fn cue_text(q: &Quote) -> Option<&str> {
    q.cue.as_ref().map(|c| c.text.as_str())
}

fn reviewed_files() -> Vec<Annotations> {
    let mut paths: Vec<_> = std::fs::read_dir(REVIEWED)
        .expect("the fixture folder")
        .map(|e| e.expect("a fixture").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| load_annotations(p).expect("a valid fixture"))
        .collect()
}

#[test]
fn the_bundled_model_loads_and_its_file_round_trips() {
    let model = AttributionModel::bundled();
    let [cues, content, source] = model.feature_counts();
    assert!(cues > 1000 && content > 100 && source > 100);
    let bytes = model.to_bytes();
    assert_eq!(&AttributionModel::from_bytes(&bytes).unwrap(), model);
}

#[test]
fn a_damaged_model_file_is_an_error_that_says_why() {
    let bytes = AttributionModel::bundled().to_bytes();
    let cut = AttributionModel::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(cut.to_string().contains("checksum") || cut.to_string().contains("cut short"));
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let damaged = AttributionModel::from_bytes(&flipped).unwrap_err();
    assert!(damaged.to_string().contains("checksum"), "{damaged}");
    let tagger_file = AttributionModel::from_bytes(b"QCNERMDL and more bytes").unwrap_err();
    assert!(
        tagger_file
            .to_string()
            .contains("not a quotecheck attribution model")
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.attributions");
    std::fs::write(&path, b"nonsense").unwrap();
    let err = AttributionModel::load(&path).unwrap_err();
    assert!(err.to_string().contains("broken.attributions"), "{err}");
}

#[test]
fn a_handful_of_reviewed_files_teach_a_cue_the_shipped_model_misses() {
    let tagger = Tagger::bundled();
    let before = extract_using("unseen.txt", UNSEEN, Models::bundled());
    assert!(
        before
            .quotes
            .iter()
            .all(|q| cue_text(q) != Some("kvetched")),
        "the shipped model already knows the cue: {:#?}",
        before.quotes
    );

    let articles = reviewed_files()
        .iter()
        .filter_map(reviewed_article)
        .collect::<Vec<_>>();
    assert_eq!(articles.len(), 5);
    let options = LearningOptions {
        epochs: 5,
        ..LearningOptions::default()
    };
    let retrained = train(
        &prepare(articles, tagger),
        Some(AttributionModel::bundled()),
        &options,
        |_| {},
    );

    let with_retrained = Models {
        tagger,
        attributions: &retrained,
    };
    let after = extract_using("unseen.txt", UNSEEN, with_retrained);
    let q = after
        .quotes
        .iter()
        .find(|q| cue_text(q) == Some("kvetched"))
        .unwrap_or_else(|| panic!("the cue is not learnt: {:#?}", after.quotes));
    assert_eq!(q.content[0].text, "the reading room would lose its windows");
    assert!(
        q.source
            .as_ref()
            .is_some_and(|s| s.text.ends_with("Eva Stone"))
    );
    let speaker = q.speaker.as_deref().and_then(|id| after.entity_name(id));
    assert_eq!(speaker, Some("Eva Stone"));
    // What the shipped model found in the sample it still finds.
    let sample = quotecheck_core::sample::TEXT;
    let shipped = extract_using("s.txt", sample, Models::bundled());
    let kept = extract_using("s.txt", sample, with_retrained);
    let direct = |doc: &Annotations| -> Vec<Vec<Span>> {
        doc.quotes
            .iter()
            .filter(|q| q.kind == quotecheck_core::model::QuoteKind::Direct)
            .map(|q| q.content.clone())
            .collect()
    };
    assert_eq!(direct(&kept), direct(&shipped));
}

fn quote(text: &str, index: &TextIndex, content: &str, cue: &str, status: Status) -> Quote {
    let span = |s: &str| {
        let start = text.find(s).expect("in the text");
        Span::new(index, start, start + s.len())
    };
    Quote {
        id: format!("q-{cue}"),
        kind: quotecheck_core::model::QuoteKind::Indirect,
        content: vec![span(content)],
        cue: Some(span(cue)),
        source: None,
        speaker: None,
        confidence: None,
        origin: quotecheck_core::model::Origin::Auto,
        status,
        reviewed_by: None,
        extra: Default::default(),
    }
}

#[test]
fn reviewed_quotes_teach_by_their_status_and_unstarted_files_teach_nothing() {
    let text = "Ana said the port was closed. Tom argued the port was open. Eve noted it rained.";
    let index = TextIndex::new(text);
    let mut doc = Annotations::new("a.txt", text);
    doc.quotes = vec![
        quote(
            text,
            &index,
            "the port was closed",
            "said",
            Status::Accepted,
        ),
        quote(
            text,
            &index,
            "the port was open",
            "argued",
            Status::Rejected,
        ),
        quote(text, &index, "it rained", "noted", Status::Pending),
    ];
    let mut unstarted = doc.clone();
    for q in &mut unstarted.quotes {
        q.status = Status::Pending;
    }
    assert!(
        reviewed_article(&unstarted).is_none(),
        "an unstarted review"
    );
    // Decisions in a file still called unreviewed (as earlier builds saved
    // them) count as much as in one in progress.
    let called_unreviewed = reviewed_article(&doc).expect("decisions in it");
    doc.review.status = ReviewStatus::InProgress;
    let article = reviewed_article(&doc).expect("a review in progress");
    assert_eq!(article.quotes, called_unreviewed.quotes);
    // The accepted quote is an attribution; the rejected one is not, so
    // its cue learns to be no cue; the pending one is nobody's decision.
    assert_eq!(article.quotes.len(), 1);
    assert_eq!(article.quotes[0].content, [(9, 28)]);
    let pending_cue = text.find("noted").unwrap();
    assert!(
        article
            .undecided
            .iter()
            .any(|&(a, b)| a <= pending_cue && pending_cue < b)
    );
}

#[test]
fn the_mention_nearest_the_cue_is_the_source_a_picked_speaker_takes() {
    use quotecheck_core::model::{Entity, Origin};
    let text = "Ana Ruiz spoke first. Later, “Ana was right,” Ruiz said. Ana left.";
    let index = TextIndex::new(text);
    let at = |s: &str, nth: usize| {
        let start = text.match_indices(s).nth(nth).expect("in the text").0;
        let start = text[..start].chars().count();
        Span::new(&index, start, start + s.chars().count())
    };
    // "Ana" inside the quote is nearer the cue than "Ruiz" after the first
    // sentence, but words of the quote are never its source.
    let mentions = vec![at("Ana Ruiz", 0), at("Ana", 1), at("Ruiz", 1), at("Ana", 2)];
    let ana = Entity::automatic("e1".into(), "PERSON", "Ana Ruiz".into(), mentions);
    let mut q = Quote {
        id: "q1".into(),
        kind: quotecheck_core::model::QuoteKind::Direct,
        content: vec![at("“Ana was right,”", 0)],
        cue: Some(at("said", 0)),
        source: None,
        speaker: None,
        confidence: None,
        origin: Origin::Auto,
        status: Status::Pending,
        reviewed_by: None,
        extra: Default::default(),
    };
    assert_eq!(q.nearest_mention(&ana), Some(&at("Ruiz", 1)));
    // With no cue, the nearest to the content.
    q.cue = None;
    assert_eq!(q.nearest_mention(&ana), Some(&at("Ruiz", 1)));
    let nobody = Entity {
        mentions: vec![at("Ana", 1)],
        ..ana.clone()
    };
    assert_eq!(q.nearest_mention(&nobody), None);
}
