//! Importing brat standoff loses nothing silently: what the file says
//! against itself is refused naming its line, and what quotecheck cannot
//! hold is named in a warning while the rest imports.

use std::fs;
use std::path::Path;

use quotecheck_core::format::brat::{self, Import};
use quotecheck_core::format::load_annotations;
use quotecheck_core::model::Annotations;

use crate::{assert_warned, quotecheck};

/// The article of every fixture; offsets below are char offsets into it
/// ("Antony Blinken" is 19..33, "said" 34..38, "Russia" 55..61).
const ARTICLE: &str = "Secretary of State Antony Blinken said on Tuesday that Russia must \
                       withdraw. Blinken added that talks would go on, and the minister told \
                       reporters: “We will not wait.”";

/// Two mentions of Blinken, one of Russia and a quote of his.
const BASE: &str = "T1\tPERSON 19 33\tAntony Blinken\n\
                    T2\tPERSON 77 84\tBlinken\n\
                    T3\tLOC 55 61\tRussia\n\
                    T4\tCue 34 38\tsaid\n\
                    T5\tContent 50 75\tthat Russia must withdraw\n\
                    T6\tAttribution 34 38\tsaid\n\
                    E1\tAttribution:T6 Content:T5 Cue:T4 Source:T1\n";

fn import(ann: &str) -> Import {
    brat::import("a.txt", ARTICLE, ann).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn import_error(ann: &str) -> String {
    match brat::import("a.txt", ARTICLE, ann) {
        Ok(_) => panic!("imported, but should have been refused:\n{ann}"),
        Err(e) => e,
    }
}

/// Each entity as "LABEL: mention, mention", sorted.
fn entities(doc: &Annotations) -> Vec<String> {
    let mut v: Vec<String> = doc
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
            format!("{}: {}", e.label, mentions.join(", "))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_base_fixture_imports_without_warnings() {
    let import = import(BASE);
    assert_eq!(import.warnings, Vec::<String>::new());
    assert_eq!(
        entities(&import.annotations),
        ["LOC: Russia", "PERSON: Antony Blinken", "PERSON: Blinken"]
    );
}

#[test]
fn equiv_with_an_unknown_first_id_still_groups_the_known_ids_and_names_the_unknown() {
    let import = import(&format!("{BASE}*\tEquiv T9 T1 T2\n"));
    assert_eq!(
        entities(&import.annotations),
        ["LOC: Russia", "PERSON: Antony Blinken, Blinken"]
    );
    assert_warned(&import.warnings, &["line 8", "T9"]);
}

#[test]
fn equiv_lines_sharing_a_mention_make_one_entity() {
    let ann = format!("{BASE}T7\tPERSON 119 131\tthe minister\n*\tEquiv T1 T2\n*\tEquiv T7 T2\n");
    let import = import(&ann);
    assert_eq!(
        entities(&import.annotations),
        [
            "LOC: Russia",
            "PERSON: Antony Blinken, Blinken, the minister"
        ]
    );
}

#[test]
fn mentions_of_one_entity_noted_with_two_names_keep_the_first_and_say_so() {
    let ann = format!(
        "{BASE}*\tEquiv T1 T2\n\
         #1\tAnnotatorNotes T1\tname: Antony Blinken\n\
         #2\tAnnotatorNotes T2\tname: Tony Blinken\n"
    );
    let import = import(&ann);
    let blinken = import
        .annotations
        .entities
        .iter()
        .find(|e| e.label == "PERSON")
        .unwrap();
    assert_eq!(blinken.name, "Antony Blinken");
    assert_warned(&import.warnings, &["T1, T2", "names", "Tony Blinken"]);
}

#[test]
fn a_text_bound_id_defined_twice_is_refused_naming_the_id_and_both_lines() {
    let err = import_error("T1\tPERSON 19 33\tAntony Blinken\nT1\tLOC 55 61\tRussia\n");
    assert!(err.contains("T1") && err.contains("lines 1 and 2"), "{err}");
}

#[test]
fn convert_refuses_a_duplicate_id_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("a.ann");
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    fs::write(&ann, format!("{BASE}T1\tLOC 55 61\tRussia\n")).unwrap();
    let out_dir = dir.path().join("out");
    let out = quotecheck(&[
        "convert",
        "--to",
        "quotecheck",
        "-o",
        out_dir.to_str().unwrap(),
        ann.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("T1 is defined twice, on lines 1 and 8"),
        "{stderr}"
    );
    assert!(!out_dir.join("a.json").exists());
}

#[test]
fn a_mention_in_pieces_covers_them_all() {
    // brat splits a selection at a line break: the pieces with a space
    // between are one name, read without a warning.
    let import = import("T1\tPERSON 19 25;26 33\tAntony Blinken\n");
    let mention = &import.annotations.entities[0].mentions[0];
    assert_eq!((mention.start, mention.end), (19, 33));
    assert_eq!(mention.text, "Antony Blinken");
    assert_eq!(import.warnings, Vec::<String>::new());
}

#[test]
fn a_mention_in_pieces_with_words_between_covers_them_and_says_so() {
    let import = import("T1\tPERSON 0 9;26 33\tSecretary Blinken\n");
    let mention = &import.annotations.entities[0].mentions[0];
    assert_eq!((mention.start, mention.end), (0, 33));
    assert_warned(&import.warnings, &["line 1", "T1", "of State Antony"]);
}

#[test]
fn two_cues_apart_keep_the_first_and_name_the_second() {
    let ann = BASE.replace("Cue:T4", "Cue:T4 Cue2:T7") + "T7\tCue 132 136\ttold\n";
    let import = import(&ann);
    let cue = import.annotations.quotes[0].cue.as_ref().unwrap();
    assert_eq!(cue.text, "said");
    assert_warned(&import.warnings, &["E1", "T4 is kept", "T7 left out"]);
}

#[test]
fn two_cues_side_by_side_make_one_cue() {
    let ann = BASE.replace("Cue:T4", "Cue:T7 Cue2:T8")
        + "T7\tCue 132 136\ttold\nT8\tCue 137 146\treporters\n";
    let import = import(&ann);
    let cue = import.annotations.quotes[0].cue.as_ref().unwrap();
    assert_eq!(cue.text, "told reporters");
    assert!(
        !import.warnings.iter().any(|w| w.contains("Cue roles")),
        "{:#?}",
        import.warnings
    );
}

#[test]
fn equiv_over_a_person_and_a_place_is_refused() {
    let err = import_error(&format!("{BASE}*\tEquiv T1 T3\n"));
    assert!(
        err.contains("line 8") && err.contains("T1 (PERSON)") && err.contains("T3 (LOC)"),
        "{err}"
    );
}

#[test]
fn a_kind_quotecheck_does_not_know_is_refused_naming_the_line() {
    let err = import_error(&format!("{BASE}A1\tKind E1 shouted\n"));
    assert!(
        err.contains("line 8") && err.contains("shouted") && err.contains("direct"),
        "{err}"
    );
}

#[test]
fn a_status_quotecheck_does_not_know_is_refused_naming_the_line() {
    // Reading it as "pending" would throw away a reviewer's decision.
    let err = import_error(&format!(
        "{BASE}A1\tKind E1 indirect\nA2\tStatus E1 maybe\n"
    ));
    assert!(
        err.contains("line 9") && err.contains("maybe") && err.contains("accepted"),
        "{err}"
    );
}

#[test]
fn known_kind_and_status_are_read() {
    let import = import(&format!(
        "{BASE}A1\tKind E1 indirect\nA2\tStatus E1 accepted\n"
    ));
    let quote = &import.annotations.quotes[0];
    assert_eq!(quote.kind.as_str(), "indirect");
    assert_eq!(quote.status.as_str(), "accepted");
}

#[test]
fn a_stale_text_column_is_named_and_the_offsets_are_read() {
    let import = import("T1\tPERSON 19 33\tNobody\n");
    assert_eq!(
        import.annotations.entities[0].mentions[0].text,
        "Antony Blinken"
    );
    assert_warned(
        &import.warnings,
        &["line 1", "T1", "Nobody", "Antony Blinken"],
    );
}

#[test]
fn a_text_column_running_over_lines_as_polnear_writes_it_is_no_warning() {
    let text = "He said:\n\n“No.”";
    let ann = "T1\tCue 3 7\tsaid\nT2\tContent 0 2;10 15\tHe\n\n“No.”\n\
               T3\tAttribution 3 7\tsaid\nE1\tAttribution:T3 Content:T2 Cue:T1\n";
    let import = brat::import("a.txt", text, ann).unwrap();
    assert_eq!(import.annotations.quotes.len(), 1);
    assert_eq!(import.warnings, Vec::<String>::new());
}

#[test]
fn lines_quotecheck_cannot_hold_are_named_and_the_rest_imports() {
    let ann = format!(
        "{BASE}\
         R1\tCites Arg1:T1 Arg2:T3\n\
         A1\tNegated T1\n\
         N1\tReference T1 Wikidata:Q7820\tAntony Blinken\n\
         T7\tEvent 96 113\ttalks would go on\n\
         #1\tAnnotatorNotes T5\tcheck this one\n\
         stray words\n\
         T8\tCue 132 136\ttold\n\
         E2\tAttribution:T8 Cue:T8\n"
    );
    let import = import(&ann);
    let doc = &import.annotations;
    assert_eq!(doc.quotes.len(), 1);
    assert_eq!(doc.entities.len(), 3);
    for words in [
        &["relations other than Speaker", "left out 1", "line 8"][..],
        &[
            "attributes of annotations other than attributions",
            "line 9",
        ],
        &["normalizations", "line 10"],
        &["Event annotations", "line 11"],
        &["notes quotecheck does not read", "line 12"],
        &["lines without a tab", "line 13"],
        &["events without a Content", "line 15"],
    ] {
        assert_warned(&import.warnings, words);
    }
}

#[test]
fn a_speaker_relation_to_something_else_than_a_mention_is_named() {
    let import = import(&format!("{BASE}R1\tSpeaker Arg1:E1 Arg2:T4\n"));
    assert_eq!(import.annotations.quotes[0].speaker, None);
    assert_warned(&import.warnings, &["line 8", "T4", "no entity mention"]);
}

#[test]
fn a_file_quotecheck_wrote_imports_back_without_warnings() {
    let doc = load_annotations(Path::new(
        "crates/core/tests/fixtures/blinken-lavrov.gold.json",
    ))
    .unwrap();
    let ann = brat::to_standoff(&doc);
    let import = brat::import(&doc.document.name, doc.text(), &ann).unwrap();
    assert_eq!(import.warnings, Vec::<String>::new());
}

#[test]
fn the_warnings_of_a_brat_file_on_disk_are_found_for_convert() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    fs::write(
        dir.path().join("a.ann"),
        format!("{BASE}R1\tCites Arg1:T1 Arg2:T3\n"),
    )
    .unwrap();
    let (_, warnings) =
        quotecheck_core::format::load_any_noting(&dir.path().join("a.ann")).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("relations other than Speaker"));
    // An annotation file has nothing it could not hold.
    let gold = Path::new("crates/core/tests/fixtures/blinken-lavrov.gold.json");
    assert!(
        quotecheck_core::format::load_any_noting(gold)
            .unwrap()
            .1
            .is_empty()
    );
    // `convert` says it on stderr, naming the file, and converts the rest.
    let out = dir.path().join("out");
    let run = quotecheck(&[
        "convert",
        "--to",
        "quotecheck",
        "-o",
        out.to_str().unwrap(),
        dir.path().join("a.ann").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("a.ann: ") && stderr.contains("relations other than Speaker"),
        "{stderr}"
    );
    assert_eq!(
        load_annotations(&out.join("a.json")).unwrap().quotes.len(),
        1
    );
}
