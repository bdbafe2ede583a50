//! Training the tagger: it learns what it is shown, the same way every time.

use std::path::Path;
use std::process::Command;

use super::succeeded;

use quotecheck_core::tagger::Tagger;
use quotecheck_core::tagger::conll::read_conll;
use quotecheck_core::tagger::perceptron::{TrainEvent, TrainOptions, train};

const FIXTURE: &str = "crates/core/tests/fixtures/tagger-small.conll";

fn options(epochs: usize, seed: u64) -> TrainOptions {
    TrainOptions {
        epochs,
        seed,
        max_features: 100_000,
        ..TrainOptions::default()
    }
}

fn labelled(tagger: &Tagger, text: &str) -> Vec<(String, &'static str)> {
    tagger
        .tag(text)
        .into_iter()
        .map(|s| (text[s.start..s.end].to_owned(), s.label.as_str()))
        .collect()
}

#[test]
fn learns_the_entities_of_its_training_sentences() {
    let docs = read_conll(Path::new(FIXTURE)).unwrap();
    assert_eq!(docs.len(), 2);
    let mut epochs_seen = 0;
    let model = train(&docs, &docs, &options(10, 1), |event| {
        if let TrainEvent::Epoch { validation, .. } = event {
            epochs_seen += 1;
            assert!(validation.is_some());
        }
    });
    assert_eq!(epochs_seen, 10);
    let tagger = Tagger::new(model);
    assert_eq!(
        labelled(
            &tagger,
            "Lopez flew from Madrid to Bonn with Peter Blackburn ."
        ),
        [
            ("Lopez".to_owned(), "PERSON"),
            ("Madrid".to_owned(), "LOC"),
            ("Bonn".to_owned(), "LOC"),
            ("Peter Blackburn".to_owned(), "PERSON"),
        ]
    );
    assert_eq!(
        labelled(&tagger, "Acme Corp hired German engineers in Madrid ."),
        [
            ("Acme Corp".to_owned(), "ORG"),
            ("German".to_owned(), "MISC"),
            ("Madrid".to_owned(), "LOC"),
        ]
    );
}

#[test]
fn spans_are_byte_offsets_of_the_raw_text() {
    let docs = read_conll(Path::new(FIXTURE)).unwrap();
    let tagger = Tagger::new(train(&docs, &[], &options(10, 1), |_| {}));
    // Curly quotes are three bytes each: offsets must still slice the names.
    let text = "“Yes,” said Peter Blackburn in Bonn.";
    let spans = tagger.tag(text);
    assert!(
        spans
            .iter()
            .any(|s| &text[s.start..s.end] == "Peter Blackburn" && s.label.as_str() == "PERSON"),
        "{spans:?}"
    );
    assert!(
        spans
            .iter()
            .any(|s| &text[s.start..s.end] == "Bonn" && s.label.as_str() == "LOC"),
        "{spans:?}"
    );
}

#[test]
fn the_same_seed_gives_the_same_model_file() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let out = dir.path().join(name);
        let status = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args([
                "train", "--conll", FIXTURE, "--epochs", "3", "--seed", seed, "-o",
            ])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(out).unwrap()
    };
    let first = run("a.model", "7");
    assert_eq!(first, run("b.model", "7"));
    assert_ne!(
        first,
        run("c.model", "8"),
        "another seed should see documents in another order"
    );
}

#[test]
fn train_refuses_a_broken_conll_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.conll");
    std::fs::write(&bad, "Peter B-NOTATYPE\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["train", "--conll"])
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("m.model"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 1"), "{stderr}");
    assert!(!dir.path().join("m.model").exists());
}

#[test]
fn train_learns_from_reviewed_files_and_skips_unreviewed_ones() {
    use quotecheck_core::format::save_annotations;
    use quotecheck_core::model::{
        Annotations, Entity, Origin, ReviewStatus, Span, Status, TextIndex,
    };

    let dir = tempfile::tempdir().unwrap();
    let text = "Anna Berg met Reuters in Oslo.";
    let index = TextIndex::new(text);
    let mut done = Annotations::new("a.txt", text);
    done.entities = vec![Entity {
        id: "e1".into(),
        label: "PERSON".into(),
        name: "Anna Berg".into(),
        mentions: vec![Span::new(&index, 0, 9)],
        origin: Origin::Manual,
        status: Status::Accepted,
        attributes: None,
        registry: None,
        reviewed_by: None,
        extra: Default::default(),
    }];
    done.review.status = ReviewStatus::Done;
    save_annotations(&dir.path().join("a.json"), &done).unwrap();
    save_annotations(&dir.path().join("b.json"), &Annotations::new("b.txt", text)).unwrap();

    // A folder named for the model is refused before any training.
    let output = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["train", "--epochs", "2", "--reviewed"])
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("is a folder") && !stderr.contains("epoch"),
        "{stderr}"
    );

    // The model's folder is made, as extract's output folder is.
    let model = dir.path().join("models").join("m.model");
    let output = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["train", "--epochs", "2", "--reviewed"])
        .arg(dir.path())
        .arg("-o")
        .arg(&model)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("skipped 1 annotation file"), "{stderr}");
    assert!(stderr.contains("learnt from 1 documents"), "{stderr}");
    assert!(Tagger::load(&model).is_ok());
}

#[test]
fn extract_uses_a_retrained_model_and_refuses_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("small.model");
    let bin = env!("CARGO_BIN_EXE_quotecheck");
    let status = Command::new(bin)
        .args([
            "train",
            "--conll",
            "crates/core/tests/fixtures/tagger-small.conll",
            "--epochs",
            "10",
            "-o",
        ])
        .arg(&model)
        .status()
        .unwrap();
    assert!(status.success());
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Peter Blackburn visited Bonn .\n").unwrap();
    let out = succeeded(
        Command::new(bin)
            .arg("extract")
            .arg(&article)
            .arg("--model")
            .arg(&model)
            .arg("--stdout")
            .output()
            .unwrap(),
    );
    let doc =
        quotecheck_core::format::from_json(std::path::Path::new("stdout"), &out.stdout).unwrap();
    let bonn = doc
        .entities
        .iter()
        .find(|e| e.name == "Bonn")
        .expect("the small model tags Bonn");
    assert_eq!(bonn.label.as_str(), "LOC");

    let damaged = dir.path().join("damaged.model");
    std::fs::write(&damaged, b"not a model").unwrap();
    let out = Command::new(bin)
        .arg("extract")
        .arg(&article)
        .arg("--model")
        .arg(&damaged)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged.model"));
}

#[test]
fn train_without_conll_goes_on_from_the_bundled_model_and_keeps_what_it_knew() {
    use quotecheck_core::format::save_annotations;
    use quotecheck_core::model::{
        Annotations, Entity, Origin, ReviewStatus, Span, Status, TextIndex,
    };

    // A newsroom's reviewed articles: "Penhallow Fenwick" is a firm, which a
    // tagger that never saw it takes for a person.
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Penhallow Fenwick said on Monday that profits rose.\n\
         Shares of Penhallow Fenwick fell in London.\n",
        "Analysts at Penhallow Fenwick expect a merger.\n\
         Penhallow Fenwick declined to comment.\n",
    ];
    for (n, text) in texts.into_iter().enumerate() {
        let index = TextIndex::new(text);
        let mut doc = Annotations::new(format!("{n}.txt"), text);
        doc.entities = vec![Entity {
            id: "e1".into(),
            label: "ORG".into(),
            name: "Penhallow Fenwick".into(),
            mentions: text
                .match_indices("Penhallow Fenwick")
                .map(|(at, name)| Span::new(&index, at, at + name.len()))
                .collect(),
            origin: Origin::Manual,
            status: Status::Accepted,
            attributes: None,
            registry: None,
            reviewed_by: None,
            extra: Default::default(),
        }];
        doc.review.status = ReviewStatus::Done;
        save_annotations(&dir.path().join(format!("{n}.json")), &doc).unwrap();
    }

    let model = dir.path().join("m.model");
    let output = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["train", "--reviewed"])
        .arg(dir.path())
        .arg("-o")
        .arg(&model)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let tagger = Tagger::load(&model).unwrap();

    let unseen = "Investors in Penhallow Fenwick were told to wait.";
    assert!(
        labelled(&tagger, unseen).contains(&("Penhallow Fenwick".to_owned(), "ORG")),
        "{:?}",
        labelled(&tagger, unseen)
    );
    // What the bundled model knew is still there: the sample's people.
    let sample = quotecheck_core::sample::TEXT;
    let found = labelled(&tagger, sample);
    for name in ["Antony Blinken", "Sergey Lavrov", "Vladimir Putin"] {
        assert!(
            found.contains(&(name.to_owned(), "PERSON")),
            "{name} not in {found:?}"
        );
    }
}

/// `clusters` reads articles as `extract` does (UTF-16, 8-bit text), and
/// with nothing to read it says so rather than write an empty table.
#[test]
fn clusters_reads_every_encoding_extract_reads_and_needs_some_text() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Ana met Zoë in Zürich. Ana met Bo in Bern. ";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(sentence.repeat(3).encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("a.txt"), utf16).unwrap();
    // "Zürich" in Windows-1252: ü is the byte 0xFC.
    let latin: Vec<u8> = "Bo met Ana in Z\u{fc}rich. "
        .repeat(3)
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    std::fs::write(dir.path().join("b.txt"), latin).unwrap();
    let table = dir.path().join("classes.tsv");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .arg("clusters")
            .args(args)
            .args([
                "--classes",
                "2",
                "4",
                "--min-count",
                "1",
                "--passes",
                "2",
                "-o",
            ])
            .arg(&table)
            .output()
            .unwrap()
    };
    let out = run(&["--text", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let words = std::fs::read_to_string(&table).unwrap();
    assert!(words.lines().any(|l| l.starts_with("Zürich\t")), "{words}");

    std::fs::remove_file(&table).unwrap();
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!table.exists());
}
