//! The annotation file contract: what loads, what is refused and why, and
//! that saving keeps every char offset right.

use std::path::Path;

use quotecheck_core::format::{FileError, from_json, load_annotations, save_annotations, to_json};
use quotecheck_core::model::{
    Annotations, Entity, Origin, Quote, QuoteKind, Span, Status, TextIndex,
};

const GOLD: &str = "tests/fixtures/blinken-lavrov.gold.json";

fn problems(json: &str) -> Vec<String> {
    match from_json(Path::new("bad.json"), json.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems(),
    }
}

/// The gold file with one edit made to its JSON value.
fn gold_with(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    change(&mut value);
    value.to_string()
}

#[test]
fn the_reference_file_loads_and_saves_without_loss() {
    let doc = load_annotations(Path::new(GOLD)).unwrap();
    assert_eq!(doc.entities.len(), 15);
    assert_eq!(doc.quotes.len(), 8);
    assert_eq!(doc.quotes[1].speaker.as_deref(), Some("e1"));
    let again = from_json(Path::new("again.json"), &to_json(&doc).unwrap()).unwrap();
    assert_eq!(again, doc);
}

#[test]
fn fields_other_tools_add_survive_a_round_trip() {
    let json = gold_with(|v| {
        v["project"] = "elections".into();
        v["quotes"][0]["note"] = "check this".into();
        v["quotes"][0]["content"][0]["layer"] = "quote".into();
        v["entities"][0]["mentions"][1]["kb_score"] = 0.5.into();
    });
    let doc = from_json(Path::new("x.json"), json.as_bytes()).unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&to_json(&doc).unwrap()).unwrap();
    assert_eq!(saved["project"], "elections");
    assert_eq!(saved["quotes"][0]["note"], "check this");
    // Spans and mentions keep theirs too.
    assert_eq!(saved["quotes"][0]["content"][0]["layer"], "quote");
    assert_eq!(saved["entities"][0]["mentions"][1]["kb_score"], 0.5);
}

/// A confidence another tool wrote to more digits than a float holds comes
/// back as it was; one the extractor wrote keeps its short form.
#[test]
fn a_confidence_is_written_back_as_it_was_read() {
    let json = gold_with(|v| {
        v["quotes"][0]["confidence"] = 0.1234567890123.into();
        v["quotes"][1]["confidence"] = 0.86.into();
    });
    let doc = from_json(Path::new("x.json"), json.as_bytes()).unwrap();
    let saved = String::from_utf8(to_json(&doc).unwrap()).unwrap();
    assert!(
        saved.contains("\"confidence\": 0.1234567890123,"),
        "{saved}"
    );
    assert!(saved.contains("\"confidence\": 0.86,"), "{saved}");
}

#[test]
fn a_quote_that_does_not_read_is_named() {
    let p = problems(&gold_with(|v| v["quotes"][2]["kind"] = "shouted".into()));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("quote q3: kind: unknown variant `shouted`"),
        "{p:?}"
    );
}

#[test]
fn a_span_that_ends_before_it_starts_says_so() {
    let p = problems(&gold_with(|v| {
        v["quotes"][1]["cue"]["start"] = 440.into();
        v["quotes"][1]["cue"]["end"] = 438.into();
    }));
    assert!(
        p.iter()
            .any(|p| p.contains("quote q2 cue") && p.contains("ends before it starts")),
        "{p:?}"
    );
}

#[test]
fn a_span_outside_the_text_is_refused_naming_it() {
    let p = problems(&gold_with(|v| v["quotes"][1]["cue"]["end"] = 99_999.into()));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("quote q2 cue") && p[0].contains("outside the text"),
        "{p:?}"
    );
}

#[test]
fn span_text_that_differs_from_the_offsets_is_refused() {
    let p = problems(&gold_with(|v| {
        v["entities"][0]["mentions"][1]["text"] = "Blinkin".into()
    }));
    assert!(
        p.iter()
            .any(|p| p.contains("entity e1 mention 2") && p.contains("Blinkin")),
        "{p:?}"
    );
}

#[test]
fn duplicate_ids_unknown_speakers_and_labels_are_each_named() {
    let p = problems(&gold_with(|v| {
        v["quotes"][2]["id"] = "q1".into();
        v["quotes"][3]["speaker"] = "e99".into();
        v["entities"][4]["label"] = "GPE".into();
    }));
    assert!(
        p.iter().any(|p| p.contains("id q1 is used more than once")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|p| p.contains("speaker e99 is not an entity")),
        "{p:?}"
    );
    assert!(p.iter().any(|p| p.contains("label GPE is not in")), "{p:?}");
}

#[test]
fn versions_this_build_does_not_know_are_refused() {
    let newer = problems(&gold_with(|v| v["version"] = 2.into()));
    assert!(newer[0].contains("newer"), "{newer:?}");
    let unknown = problems(&gold_with(|v| v["version"] = 0.into()));
    assert!(unknown[0].contains("unknown version 0"), "{unknown:?}");
    let other = problems(r#"{"format": "something-else", "version": 1}"#);
    assert!(other[0].contains("something-else"), "{other:?}");
}

#[test]
fn malformed_json_says_line_and_column() {
    let err = from_json(
        Path::new("broken.json"),
        b"{\n  \"format\": \"quotecheck-annotations\",\n  oops\n}",
    )
    .unwrap_err();
    match &err {
        FileError::Json { line, column, .. } => assert_eq!((*line, *column), (3, 3)),
        other => panic!("expected a JSON error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("broken.json: "), "{err}");
}

/// A text where chars, UTF-16 units and bytes all count differently.
const TRICKY: &str = "Café “crème” 👍🏽\r\n“Ça va,” dit-elle.\r\n";

fn tricky_doc() -> Annotations {
    let index = TextIndex::new(TRICKY);
    let mut doc = Annotations::new("tricky.txt", TRICKY);
    let chars: Vec<char> = TRICKY.chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        let start = chars
            .windows(n.len())
            .position(|w| w == n.as_slice())
            .unwrap();
        Span::new(&index, start, start + n.len())
    };
    doc.entities.push(Entity {
        id: "e1".into(),
        label: "PERSON".into(),
        name: "elle".into(),
        mentions: vec![find("elle")],
        origin: Origin::Manual,
        status: Status::Accepted,
        attributes: None,
        registry: None,
        reviewed_by: None,
        extra: Default::default(),
    });
    doc.quotes.push(Quote {
        id: "q1".into(),
        kind: QuoteKind::Direct,
        content: vec![find("“Ça va,”")],
        cue: Some(find("dit")),
        source: Some(find("elle")),
        speaker: Some("e1".into()),
        confidence: Some(0.9),
        origin: Origin::Auto,
        status: Status::Pending,
        reviewed_by: None,
        extra: Default::default(),
    });
    doc
}

#[test]
fn offsets_count_chars_through_accents_emoji_and_crlf() {
    let doc = tricky_doc();
    let q = &doc.quotes[0];
    // Chars, as Python's text[start:end]: 2 for "\r\n", 1 per emoji code point.
    assert_eq!((q.content[0].start, q.content[0].end), (17, 25));
    assert_eq!(q.content[0].text, "“Ça va,”");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tricky.json");
    save_annotations(&path, &doc).unwrap();
    let back = load_annotations(&path).unwrap();
    assert_eq!(
        back.document.text, TRICKY,
        "line endings and marks kept exactly"
    );
    assert_eq!(back.quotes, doc.quotes);
    assert!(back.review.updated_at.is_some());
}

#[test]
fn saving_is_atomic_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    std::fs::write(&path, "old contents").unwrap();
    save_annotations(&path, &tricky_doc()).unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a.json"]);
    assert!(load_annotations(&path).is_ok());
}

/// An annotation file linked into a review folder was replaced by a copy
/// on save, leaving the file it pointed to as it was: now the save goes
/// through the link.
#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_writes_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let (target, link) = (dir.path().join("kept.json"), dir.path().join("link.json"));
    std::fs::write(&target, "old contents").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    save_annotations(&link, &tricky_doc()).unwrap();
    assert!(link.is_symlink(), "the link stays a link");
    // A link to nothing is named as one; nothing is written.
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("gone.json"), &dangling).unwrap();
    let err = save_annotations(&dangling, &tricky_doc()).unwrap_err();
    assert!(
        err.to_string().contains("a symbolic link to") && err.to_string().contains("gone.json"),
        "{err}"
    );
    assert!(!dir.path().join("gone.json").exists() && dangling.is_symlink());
    assert!(
        load_annotations(&target).is_ok(),
        "its file has the new contents"
    );
}

/// Saving over a pipe (or, as root, a device such as /dev/full) replaced
/// it with a plain file.
#[cfg(unix)]
#[test]
fn saving_over_a_pipe_is_refused_and_leaves_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) makes a pipe"
    );
    let err = save_annotations(&pipe, &tricky_doc()).unwrap_err();
    assert!(err.to_string().contains("is no plain file"), "{err}");
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(kind.is_fifo(), "still a pipe");
}

#[test]
fn saving_into_a_missing_folder_fails_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone").join("a.json");
    let err = save_annotations(&path, &tricky_doc()).unwrap_err();
    assert!(err.to_string().contains("a.json"), "{err}");
}

#[test]
fn saved_files_are_stable_for_diffs() {
    let mut doc = load_annotations(Path::new(GOLD)).unwrap();
    let first = to_json(&doc).unwrap();
    // The order things are held in memory does not change the file.
    doc.entities.reverse();
    doc.quotes.reverse();
    doc.entities[0].mentions.reverse();
    assert_eq!(to_json(&doc).unwrap(), first);
    assert!(
        String::from_utf8(first)
            .unwrap()
            .contains("\n  \"version\": 1,\n")
    );
}

/// The seal `extract` puts on what it wrote tells a file changed since
/// (by any program, or by hand) from one only saved again.
#[test]
fn the_extract_seal_notices_any_change_but_a_new_save_time() {
    let mut doc = load_annotations(Path::new(GOLD)).unwrap();
    assert_eq!(doc.changed_since_extracted(), None, "no seal, no answer");
    doc.seal_as_extracted();
    let mut sealed = from_json(Path::new("a.json"), &to_json(&doc).unwrap()).unwrap();
    assert_eq!(sealed.changed_since_extracted(), Some(false));

    // Sealed out of order, it is the file as written (in order) all the same.
    let mut shuffled = load_annotations(Path::new(GOLD)).unwrap();
    shuffled.quotes.reverse();
    shuffled.entities.reverse();
    shuffled.seal_as_extracted();
    let mut written = from_json(Path::new("b.json"), &to_json(&shuffled).unwrap()).unwrap();
    assert_eq!(written.changed_since_extracted(), Some(false));

    let mut saved_again = sealed.clone();
    saved_again.review.updated_at = Some("2026-12-01T09:00:00Z".into());
    assert_eq!(saved_again.changed_since_extracted(), Some(false));

    let changes: [fn(&mut Annotations); 4] = [
        |d| d.entities[0].name.push('s'),
        |d| d.quotes[0].speaker = None,
        |d| d.review.annotator = Some("Ana".into()),
        |d| {
            d.quotes.pop();
        },
    ];
    for change in changes {
        let mut changed = sealed.clone();
        change(&mut changed);
        assert_eq!(changed.changed_since_extracted(), Some(true));
    }
}
