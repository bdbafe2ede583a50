//! Conversions to the formats other tools read, and back.

use std::path::Path;
use std::process::Command;

use quotecheck_core::format::{brat, citron, conll, jsonl, load_annotations, load_any, to_json};
use quotecheck_core::model::{Annotations, Intent};

const GOLD: &str = "crates/core/tests/fixtures/blinken-lavrov.gold.json";

fn gold() -> Annotations {
    load_annotations(Path::new(GOLD)).unwrap()
}

/// What a conversion must keep of each quote: spans, kind and who spoke.
fn quote_facts(doc: &Annotations) -> Vec<String> {
    doc.quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_deref().and_then(|id| doc.entity_name(id));
            format!(
                "{:?} {:?} {:?} {:?} {:?}",
                q.content, q.cue, q.source, q.kind, speaker
            )
        })
        .collect()
}

fn entity_facts(doc: &Annotations) -> Vec<String> {
    let mut v: Vec<String> = doc
        .entities
        .iter()
        .map(|e| format!("{} {} {:?}", e.label, e.name, e.mentions))
        .collect();
    v.sort();
    v
}

#[test]
fn annotation_file_to_brat_and_back_keeps_quotes_speakers_and_entities() {
    let mut doc = gold();
    // A speaker typed by the reviewer, named nowhere in the text, and a
    // quote in two pieces must survive too.
    let intent = Intent::NewPersonAsSpeaker {
        quote: doc.quotes[4].id.clone(),
        name: "An Official".to_owned(),
    };
    let plan = intent.plan(&doc).unwrap().unwrap();
    plan.transaction.apply(&mut doc).unwrap();
    let extra = doc.quotes[1].content[0].clone();
    doc.quotes[0].content.push(extra);

    let ann = brat::to_standoff(&doc);
    let back = brat::to_annotations(&doc.document.name, doc.text(), &ann).unwrap();
    assert_eq!(quote_facts(&back), quote_facts(&doc));
    let with_mentions = |d: &Annotations| {
        let mut d = d.clone();
        d.entities.retain(|e| !e.mentions.is_empty());
        entity_facts(&d)
    };
    assert_eq!(with_mentions(&back), with_mentions(&doc));
    assert!(quotecheck_core::format::validate(&back).is_empty());
}

#[test]
fn polnear_style_brat_with_discontinuous_content_reads_as_one_quote() {
    let text = "“We will win,” Smith said, “and soon.”";
    let ann = "T1\tSource 15 20\tSmith\nT2\tCue 21 25\tsaid\nT3\tContent 0 14;27 38\tx\n\
               T4\tAttribution 21 25\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    let doc = brat::to_annotations("a.txt", text, ann).unwrap();
    assert_eq!(doc.quotes.len(), 1);
    let q = &doc.quotes[0];
    assert_eq!(q.content.len(), 2);
    assert_eq!(q.content[1].text, "“and soon.”");
    assert_eq!(q.kind, quotecheck_core::model::QuoteKind::Direct);
    assert_eq!(q.source.as_ref().unwrap().text, "Smith");
}

#[test]
fn brat_offsets_outside_the_text_are_refused() {
    let err = brat::to_annotations("a.txt", "short", "T1\tPERSON 0 99\tx\n").unwrap_err();
    assert!(err.contains("outside the text"), "{err}");
}

#[test]
fn citron_round_trip_keeps_quotes_and_speakers() {
    let doc = gold();
    let value = citron::to_citron(&doc).unwrap();
    assert!(citron::is_citron(&value));
    let back = citron::from_citron(&doc.document.name, value).unwrap();
    let spans = |d: &Annotations| {
        d.quotes
            .iter()
            .map(|q| (q.content.clone(), q.cue.clone(), q.source.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(spans(&back), spans(&doc));
    // Citron keeps who spoke as groups of spans: the quotes of one speaker
    // share a group, those of different speakers do not.
    let speakers: Vec<Option<&str>> = back.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    let gold_speakers: Vec<Option<&str>> =
        doc.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    for i in 0..speakers.len() {
        for j in 0..speakers.len() {
            let same_gold = gold_speakers[i].is_some() && gold_speakers[i] == gold_speakers[j];
            let same_back = speakers[i].is_some() && speakers[i] == speakers[j];
            assert_eq!(same_back, same_gold, "quotes {i} and {j}");
        }
    }
}

#[test]
fn jsonl_holds_labelled_spans_and_speaker_relations() {
    let doc = gold();
    let record = jsonl::to_jsonl_record(&doc);
    let spans = record["spans"].as_array().unwrap();
    let blinken = spans
        .iter()
        .find(|s| s["text"] == "Antony Blinken")
        .unwrap();
    assert_eq!(blinken["label"], "PERSON");
    let tokens = record["tokens"].as_array().unwrap();
    let first = blinken["token_start"].as_u64().unwrap() as usize;
    assert_eq!(tokens[first]["text"], "Antony");
    let speakers = record["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["label"] == "SPEAKER")
        .count();
    assert_eq!(speakers, 8);
}

#[test]
fn conll_tags_each_token_of_a_mention() {
    let out = conll::to_conll(&gold());
    assert!(out.starts_with("-DOCSTART-"));
    assert!(
        out.contains("Antony -X- -X- B-PER\nBlinken -X- -X- I-PER\nsaid -X- -X- O\n"),
        "{}",
        &out[..400]
    );
    assert!(out.contains("State -X- -X- B-ORG\nDepartment -X- -X- I-ORG\n"));
}

#[test]
fn conll_marks_names_not_descriptions() {
    // A reviewer rightly tags "The secretary" as a mention of a person; as
    // a name in training data it would teach a tagger that "secretary" is one.
    let tags = conll_tags(
        "The secretary met the Pentagon chief.",
        &[("PERSON", 0, 13), ("ORG", 18, 30)],
    );
    assert_eq!(tags, ["O", "O", "O", "O", "B-ORG", "O", "O"]);
}

/// The CoNLL tags of `text` with an entity of each `(label, start, end)`.
fn conll_tags(text: &str, entities: &[(&str, usize, usize)]) -> Vec<String> {
    conll::to_conll(&tagged(text, entities))
        .lines()
        .skip(2)
        .filter(|l| !l.is_empty())
        .map(|l| l.rsplit(' ').next().unwrap().to_owned())
        .collect()
}

/// `text` with an entity of each `(label, start, end)`, tagged as a reviewer
/// tags them.
fn tagged(text: &str, entities: &[(&str, usize, usize)]) -> Annotations {
    let mut doc = Annotations::new("t.txt", text);
    let index = quotecheck_core::model::TextIndex::new(text);
    for &(label, start, end) in entities {
        let intent = Intent::AddEntity {
            label: label.to_owned(),
            mention: quotecheck_core::model::Span::new(&index, start, end),
        };
        let plan = intent.plan(&doc).unwrap().unwrap();
        plan.transaction.apply(&mut doc).unwrap();
    }
    doc
}

#[test]
fn convert_command_writes_every_format_and_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_quotecheck");
    for to in ["brat", "citron", "jsonl", "conll", "quotecheck"] {
        let out = dir.path().join(to);
        let run = Command::new(bin)
            .args(["convert", GOLD, "--to", to, "-o", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(run.status.success(), "convert --to {to}");
        // Citron holds quotes and their speakers: the rest is named, where
        // it went without a word.
        let err = String::from_utf8_lossy(&run.stderr);
        let says_left_out = err.contains("left out of the Citron JSON: \"");
        assert_eq!(says_left_out, to == "citron", "{to}: {err}");
    }
    let from_brat = load_any(&dir.path().join("brat/blinken-lavrov.ann")).unwrap();
    assert_eq!(quote_facts(&from_brat), quote_facts(&gold()));
    let from_citron = load_any(&dir.path().join("citron/blinken-lavrov.json")).unwrap();
    assert_eq!(from_citron.quotes.len(), 8);
    assert!(dir.path().join("jsonl/annotations.jsonl").exists());
    assert!(dir.path().join("conll/annotations.conll").exists());
    assert_eq!(
        load_any(&dir.path().join("quotecheck/blinken-lavrov.json"))
            .unwrap()
            .quotes,
        gold().quotes
    );
}

#[test]
fn convert_reports_a_bad_input_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args([
            "convert",
            bad.to_str().unwrap(),
            GOLD,
            "--to",
            "brat",
            "-o",
            dir.path().join("o").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("line 1"), "{err}");
    assert!(dir.path().join("o/blinken-lavrov.ann").exists());
}

/// Two articles of one name converted into one folder would write one
/// file, and converting into a folder of reviewed annotation files would
/// write over one of them: both are refused, naming the files, and the
/// reviewed file stays as it was. Converting a file in place is allowed.
#[test]
fn convert_writes_over_no_reviewed_file_and_no_file_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (ana, ben, out) = (
        dir.path().join("ana"),
        dir.path().join("ben"),
        dir.path().join("out"),
    );
    for folder in [&ana, &ben, &out] {
        std::fs::create_dir(folder).unwrap();
    }
    let mut reviewed = gold();
    reviewed.quotes[0].status = quotecheck_core::model::Status::Rejected;
    let reviewed = to_json(&reviewed).unwrap();
    std::fs::write(ana.join("a.json"), &reviewed).unwrap();
    std::fs::copy(GOLD, ben.join("b.json")).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args(args)
            .output()
            .unwrap()
    };
    let (ana_s, ben_s, out_s) = (
        ana.to_str().unwrap(),
        ben.to_str().unwrap(),
        out.to_str().unwrap(),
    );

    let both = run(&["convert", ana_s, ben_s, "--to", "citron", "-o", out_s]);
    assert_eq!(both.status.code(), Some(1));
    let err = String::from_utf8_lossy(&both.stderr);
    assert!(
        err.contains("b.json: not converted") && err.contains("too"),
        "{err}"
    );

    // Both files name the same article, so each would be written to
    // ana/NAME.json: the reviewed one is kept.
    let name = gold().document.name;
    let stem = name.trim_end_matches(".txt");
    std::fs::rename(ana.join("a.json"), ana.join(format!("{stem}.json"))).unwrap();
    let over = run(&["convert", ben_s, "--to", "quotecheck", "-o", ana_s]);
    assert_eq!(over.status.code(), Some(1));
    let err = String::from_utf8_lossy(&over.stderr);
    assert!(err.contains("holds a reviewer's work"), "{err}");
    assert_eq!(
        std::fs::read(ana.join(format!("{stem}.json"))).unwrap(),
        reviewed
    );

    let in_place = run(&["convert", ana_s, "--to", "quotecheck", "-o", ana_s]);
    assert!(
        in_place.status.success(),
        "{}",
        String::from_utf8_lossy(&in_place.stderr)
    );
    let forced = run(&[
        "convert",
        ben_s,
        "--to",
        "quotecheck",
        "-o",
        ana_s,
        "--force",
    ]);
    assert!(forced.status.success());
}

/// An annotation file of another article, named like the converted one
/// (an unreviewed extract of `a.txt`, and a file whose document is named
/// `a.txt` but holds another text), was replaced without a word: it is
/// kept; the same text's unreviewed file is replaced.
#[test]
fn convert_keeps_an_unreviewed_file_of_another_text() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&input).unwrap();
    std::fs::create_dir(&out).unwrap();
    let converted = gold();
    std::fs::write(input.join("x.json"), to_json(&converted).unwrap()).unwrap();
    let stem = converted.document.name.trim_end_matches(".txt");
    let there = out.join(format!("{stem}.json"));
    let other = Annotations::new(converted.document.name.clone(), "Another story.");
    let other = to_json(&other).unwrap();
    std::fs::write(&there, &other).unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args([
                "convert",
                input.to_str().unwrap(),
                "--to",
                "quotecheck",
                "-o",
            ])
            .arg(&out)
            .output()
            .unwrap()
    };
    let refused = run();
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("holds the annotations of another text"),
        "{err}"
    );
    assert_eq!(std::fs::read(&there).unwrap(), other, "kept as it was");

    let same_text = Annotations::new(
        converted.document.name.clone(),
        converted.document.text.clone(),
    );
    std::fs::write(&there, to_json(&same_text).unwrap()).unwrap();
    let replaced = run();
    assert!(
        replaced.status.success(),
        "{}",
        String::from_utf8_lossy(&replaced.stderr)
    );
    assert_eq!(
        quote_facts(&load_annotations(&there).unwrap()),
        quote_facts(&converted)
    );
}

/// Mentions that overlap cannot both be IOB: the first, longest one is
/// written whole instead of each being cut by the other.
#[test]
fn conll_writes_the_outer_of_overlapping_mentions_whole() {
    let tags = conll_tags(
        "Mayor Ruth Okafor spoke.",
        &[("PERSON", 6, 17), ("ORG", 0, 17)],
    );
    assert_eq!(tags, ["B-ORG", "I-ORG", "I-ORG", "O", "O"]);
}

/// The name IOB cannot hold is named on stderr, where it was left out of the
/// file without a word; the file is still written.
#[test]
fn convert_to_conll_names_the_overlapping_name_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mayor.json");
    let doc = tagged(
        "Mayor Ruth Okafor spoke.",
        &[("PERSON", 6, 17), ("ORG", 0, 17)],
    );
    quotecheck_core::format::save_annotations(&input, &doc).unwrap();
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["convert", "--to", "conll", "-o"])
        .args([&out, &input])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            r#"mayor.json: left out of the CoNLL IOB: "Ruth Okafor" (PER), which overlaps "Mayor Ruth Okafor" (ORG)"#
        ),
        "{stderr}"
    );
    let written = std::fs::read_to_string(out.join("annotations.conll")).unwrap();
    assert!(written.contains("Ruth -X- -X- I-ORG"), "{written}");
}

/// Converting a folder in place into another format replaced its reviewed
/// annotation files with Citron, and a brat file edited by hand was written
/// over by the next export: both without a word. Now neither happens
/// without --force, while the next export still replaces convert's own
/// files that nobody has touched.
#[test]
fn convert_writes_over_no_file_whose_contents_would_change() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("reviewed");
    std::fs::create_dir(&folder).unwrap();
    let input = folder.join("blinken-lavrov.json");
    std::fs::copy(GOLD, &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .arg("convert")
            .args(args)
            .output()
            .unwrap()
    };
    let in_place = run(&[
        "--to".as_ref(),
        "citron".as_ref(),
        "-o".as_ref(),
        folder.as_os_str(),
        folder.as_os_str(),
    ]);
    assert_eq!(in_place.status.code(), Some(1));
    let err = String::from_utf8_lossy(&in_place.stderr);
    assert!(err.contains("is the input itself"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);

    let brat = dir.path().join("brat");
    let export = || {
        run(&[
            "--to".as_ref(),
            "brat".as_ref(),
            "-o".as_ref(),
            brat.as_os_str(),
            input.as_os_str(),
        ])
    };
    assert!(export().status.success());
    // The same export again changes nothing, so it is no conflict.
    assert!(export().status.success());
    // The next day's export, after more review, replaces convert's own
    // file, untouched since it wrote it.
    let ann = brat.join("blinken-lavrov.ann");
    let yesterday = std::fs::read_to_string(&ann).unwrap();
    let mut reviewed = quotecheck_core::format::load_annotations(&input).unwrap();
    reviewed.quotes[0].status = quotecheck_core::model::Status::Rejected;
    quotecheck_core::format::save_annotations(&input, &reviewed).unwrap();
    let next_day = export();
    assert!(
        next_day.status.success(),
        "{}",
        String::from_utf8_lossy(&next_day.stderr)
    );
    assert_ne!(std::fs::read_to_string(&ann).unwrap(), yesterday);
    // One corrected by hand since is kept.
    let mut edited = std::fs::read_to_string(&ann).unwrap();
    edited.push_str("#99\tAnnotatorNotes T1\tchecked by hand\n");
    std::fs::write(&ann, &edited).unwrap();
    let again = export();
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("changed since convert wrote it"), "{err}");
    assert_eq!(std::fs::read_to_string(&ann).unwrap(), edited);
    let forced = run(&[
        "--to".as_ref(),
        "brat".as_ref(),
        "--force".as_ref(),
        "-o".as_ref(),
        brat.as_os_str(),
        input.as_os_str(),
    ]);
    assert!(forced.status.success());
    assert!(
        !std::fs::read_to_string(&ann)
            .unwrap()
            .contains("checked by hand")
    );
}

/// Converting reviewed files into a folder, then again the next day, is an
/// everyday run: convert's own output, untouched since, is no reviewer's
/// work to keep, while the same file edited there since is.
#[test]
fn convert_again_replaces_its_own_untouched_output_of_reviewed_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args(["convert", GOLD, "--to", "quotecheck", "-o"])
            .arg(&out)
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    let again = run();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let written = out.join("blinken-lavrov.json");
    let mut doc = quotecheck_core::format::load_annotations(&written).unwrap();
    doc.quotes[0].status = quotecheck_core::model::Status::Rejected;
    quotecheck_core::format::save_annotations(&written, &doc).unwrap();
    let edited = std::fs::read(&written).unwrap();
    let after_edit = run();
    assert_eq!(after_edit.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&after_edit.stderr).contains("holds a reviewer's work"));
    assert_eq!(std::fs::read(&written).unwrap(), edited);
}

/// Converting a Citron file in place `--to quotecheck` replaced it with an
/// annotation file: the input itself, in another format, is kept.
#[test]
fn convert_in_place_keeps_an_input_in_another_format() {
    let dir = tempfile::tempdir().unwrap();
    let citron = dir.path().join("citron");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args(args)
            .output()
            .unwrap()
    };
    let c = citron.to_str().unwrap();
    assert!(
        run(&["convert", GOLD, "--to", "citron", "-o", c])
            .status
            .success()
    );
    let file = citron.join("blinken-lavrov.json");
    let before = std::fs::read(&file).unwrap();
    let in_place = run(&[
        "convert",
        file.to_str().unwrap(),
        "--to",
        "quotecheck",
        "-o",
        c,
    ]);
    assert_eq!(in_place.status.code(), Some(1));
    let err = String::from_utf8_lossy(&in_place.stderr);
    assert!(err.contains("is the input itself"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// A brat file whose article is not beside it (PolNeAR keeps them in
/// attributions/ and text/) was a bare "No such file or directory" naming
/// a .txt the person never gave.
#[test]
fn a_brat_file_without_its_article_says_brat_needs_it_beside() {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("story_4b22.ann");
    std::fs::write(&ann, "T1\tSource 0 4\tMary\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["convert", ann.to_str().unwrap(), "--to", "quotecheck", "-o"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("brat keeps the article beside its annotations")
            && err.contains("story_4b22.txt is not there"),
        "{err}"
    );
}
