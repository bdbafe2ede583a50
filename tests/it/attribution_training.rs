//! `quotecheck train --reviewed` retrains the attribution model, and
//! `extract` uses the retrained one.

use std::process::Command;

use super::succeeded;

const REVIEWED: &str = "crates/core/tests/fixtures/reviewed-cue";

/// An article none of the reviewed files holds, with the cue they teach.
const UNSEEN: &str = "The port authority met on Monday. \
    Dock worker Sam Ortiz kvetched the new cranes were far too slow.\n";

/// The cue texts of the quotes `extract` finds in `article` with `args`.
fn cues(article: &std::path::Path, args: &[&std::ffi::OsStr]) -> Vec<String> {
    let out = succeeded(
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .arg("extract")
            .arg(article)
            .args(args)
            .arg("--stdout")
            .output()
            .unwrap(),
    );
    let doc =
        quotecheck_core::format::from_json(std::path::Path::new("stdout"), &out.stdout).unwrap();
    doc.quotes
        .iter()
        .filter_map(|q| q.cue.as_ref().map(|c| c.text.clone()))
        .collect()
}

#[test]
fn extract_uses_the_attribution_model_retrained_on_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("port.txt");
    std::fs::write(&article, UNSEEN).unwrap();
    assert!(!cues(&article, &[]).contains(&"kvetched".to_owned()));

    let model = dir.path().join("newsroom.attributions");
    let output = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["train", "--attributions-only", "--attribution-epochs", "5"])
        .args(["--reviewed", REVIEWED, "--attributions-output"])
        .arg(&model)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("5 reviewed articles on top of the shipped model"),
        "{stderr}"
    );

    let found = cues(&article, &["--attributions".as_ref(), model.as_os_str()]);
    assert!(found.contains(&"kvetched".to_owned()), "{found:?}");

    let damaged = dir.path().join("damaged.attributions");
    std::fs::write(&damaged, b"not a model").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .arg("extract")
        .arg(&article)
        .arg("--attributions")
        .arg(&damaged)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("damaged.attributions"), "{stderr}");
    assert!(
        stderr.contains("not a quotecheck attribution model"),
        "{stderr}"
    );
}

#[test]
fn the_window_refuses_a_damaged_model_before_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged.attributions");
    std::fs::write(&damaged, b"not a model").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .arg("--attributions")
        .arg(&damaged)
        // No display either: had the model loaded, the window would have
        // failed to open with another message.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "as extract --attributions");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("damaged.attributions"), "{stderr}");
    assert!(!stderr.contains("cannot open the window"), "{stderr}");
}

/// A file to open that is not there is named before any window opens; and
/// with no display, the window's failure says so in words, not in the path
/// of a library's source file.
#[test]
fn the_window_names_a_missing_file_and_a_missing_display() {
    let run = |file: &str| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .arg(file)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    let out = run("no-such-article.txt");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no-such-article.txt: no such file"),
        "{stderr}"
    );
    if cfg!(all(feature = "gui", target_os = "linux")) {
        let out = run("crates/core/assets/sample/blinken-lavrov.txt");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no display"), "{stderr}");
        assert!(!stderr.contains(".rs:"), "{stderr}");
    }
}

/// `--folds 5` on one article ran four empty folds and printed figures as if
/// it had cross-validated; and `--folds` without `--polnear` was ignored.
#[test]
fn train_refuses_more_folds_than_articles() {
    let dir = tempfile::tempdir().unwrap();
    let split = one_article_split(dir.path());
    let model = dir.path().join("m.attributions");
    let train = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args(["train", "--attributions-only", "--attributions-output"])
            .arg(&model)
            .args(args)
            .output()
            .unwrap()
    };
    let out = train(&["--polnear", split.to_str().unwrap(), "--folds", "5"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("--folds 5: cross-validation needs at least 2 folds and an article in each; --polnear has 1 article"),
        "{stderr}"
    );
    assert!(!model.exists());
    let out = train(&["--folds", "5", "--reviewed", REVIEWED]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--polnear"));
}

/// A PolNeAR-style split (`text/`, `attributions/`) of one article.
fn one_article_split(dir: &std::path::Path) -> std::path::PathBuf {
    let split = dir.join("split");
    for sub in ["text", "attributions"] {
        std::fs::create_dir_all(split.join(sub)).unwrap();
    }
    std::fs::write(split.join("text/a.txt"), "“We will win,” Smith said.\n").unwrap();
    std::fs::write(
        split.join("attributions/a.ann"),
        "T1\tSource 15 20\tSmith\nT2\tCue 21 25\tsaid\nT3\tContent 0 14\tx\n\
         T4\tAttribution 21 25\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
    )
    .unwrap();
    split
}

/// `--predictions` wrote its predictions over a reviewer's files of the
/// same names; now a folder holding such a file is refused before training.
#[test]
fn train_writes_no_prediction_over_a_reviewed_file() {
    let dir = tempfile::tempdir().unwrap();
    let split = one_article_split(dir.path());
    let predictions = dir.path().join("predictions");
    std::fs::create_dir(&predictions).unwrap();
    let reviewed = predictions.join("a.json");
    std::fs::copy(
        "crates/core/tests/fixtures/blinken-lavrov.gold.json",
        &reviewed,
    )
    .unwrap();
    let before = std::fs::read(&reviewed).unwrap();
    let conll = dir.path().join("a.conll");
    std::fs::write(&conll, "Antony B-PER\nBlinken I-PER\nsaid O\n").unwrap();
    let (attributions, tagger) = (
        dir.path().join("m.attributions"),
        dir.path().join("tag.model"),
    );
    // The attribution model alone, then the tagger first: each refused
    // before it trains, so no model is written.
    for (args, model) in [
        (
            vec![
                "--attributions-only".as_ref(),
                "--attributions-output".as_ref(),
                attributions.as_os_str(),
            ],
            &attributions,
        ),
        (
            vec![
                "--conll".as_ref(),
                conll.as_os_str(),
                "-o".as_ref(),
                tagger.as_os_str(),
            ],
            &tagger,
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args([
                "train",
                "--epochs",
                "1",
                "--attribution-epochs",
                "1",
                "--polnear",
            ])
            .arg(&split)
            .arg("--predictions")
            .arg(&predictions)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("--predictions would write over it"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&reviewed).unwrap(), before);
        assert!(!model.exists(), "refused before training");
    }
}
