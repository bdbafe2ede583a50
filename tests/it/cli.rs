//! The command line as scripts use it: exit codes, one-line errors naming
//! the file, and the batch going on past a bad file.

use std::path::Path;
use std::process::{Command, Output};

use super::quotecheck;

const SAMPLE: &str = "crates/core/assets/sample/blinken-lavrov.txt";
const GOLD: &str = "crates/core/tests/fixtures/blinken-lavrov.gold.json";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn extract_writes_one_file_per_article_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(SAMPLE, input.join("sample.txt")).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("scan.txt"), b"%PDF-1.4\x00\x00\x01binary").unwrap();
    // A folder named like an article cannot be read as one.
    let unreadable = dir.path().join("folder.txt");
    std::fs::create_dir(&unreadable).unwrap();
    let missing = dir.path().join("missing.txt");
    let out_dir = dir.path().join("out");

    let out = quotecheck(&[
        "extract",
        input.to_str().unwrap(),
        missing.to_str().unwrap(),
        unreadable.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("quotecheck: "))
        .collect();
    assert_eq!(errors.len(), 3, "one line per bad file: {err}");
    assert!(
        err.contains("missing.txt") && err.contains("scan.txt") && err.contains("folder.txt"),
        "{err}"
    );
    assert!(err.contains("not a text file"), "{err}");
    // The good files were still done; the empty one is an empty article.
    let sample = quotecheck_core::format::load_annotations(&out_dir.join("sample.json")).unwrap();
    assert_eq!(sample.document.name, "sample.txt");
    let empty = quotecheck_core::format::load_annotations(&out_dir.join("empty.json")).unwrap();
    assert_eq!(empty.document.text, "");
    assert!(!out_dir.join("scan.json").exists());
}

#[test]
fn extract_to_stdout_prints_the_annotation_file() {
    let out = quotecheck(&["extract", SAMPLE, "--stdout"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = quotecheck_core::format::from_json(Path::new("stdout"), &out.stdout).unwrap();
    assert_eq!(doc.document.text, std::fs::read_to_string(SAMPLE).unwrap());
}

#[test]
fn check_passes_valid_files_and_lists_every_problem_of_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    value["quotes"][0]["speaker"] = "e42".into();
    value["entities"][0]["mentions"][0]["end"] = 1_000_000.into();
    std::fs::write(&bad, value.to_string()).unwrap();

    let ok = quotecheck(&["check", GOLD]);
    assert_eq!(ok.status.code(), Some(0));

    let out = quotecheck(&["check", GOLD, bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let bad_lines: Vec<&str> = stdout.lines().filter(|l| l.contains("bad.json")).collect();
    assert_eq!(bad_lines.len(), 2, "{stdout}");
    assert!(stdout.contains("speaker e42"), "{stdout}");
    assert!(stdout.contains("entity e1 mention 1"), "{stdout}");
}

#[test]
fn check_notices_an_article_that_changed_since_it_was_annotated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(GOLD, dir.path().join("story.json")).unwrap();
    std::fs::write(dir.path().join("story.txt"), "A different text.").unwrap();
    let out = quotecheck(&["check", dir.path().join("story.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("changed since it was annotated"));
}

#[test]
fn eval_of_a_file_against_itself_is_perfect() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(GOLD, dir.path().join("a.json")).unwrap();
    let d = dir.path().to_str().unwrap();
    let out = quotecheck(&["eval", d, d, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    for key in [
        "direct_f1",
        "all_f1",
        "direct_source_acc",
        "speaker_acc",
        "entity_f1",
    ] {
        assert_eq!(last[key], 1.0, "{key} in {last}");
    }
    assert_eq!(last["gold_all"], 8);
}

/// `quotecheck extract --jsonl` with `input` on its standard input.
fn extract_jsonl(input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["extract", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn extract_jsonl_turns_a_stream_of_articles_into_a_stream_of_annotation_files() {
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let input = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"name": "a.txt", "text": sample}),
        serde_json::json!({"text": "“Yes,” she said."})
    );
    let out = extract_jsonl(input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    let docs: Vec<_> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| quotecheck_core::format::from_json(Path::new("line"), l.as_bytes()).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].document.name, "a.txt");
    assert_eq!(docs[1].document.name, "line-3.txt");
    assert_eq!(docs[1].quotes.len(), 1);
}

#[test]
fn extract_prints_a_plain_line_per_file_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let out = quotecheck(&["extract", SAMPLE, "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out).trim(), format!("extracted 1/1 {SAMPLE}"));
}

/// A file that could not be read is not announced as extracted; its reason
/// follows, and the other files are extracted all the same.
#[test]
fn extract_lines_say_which_files_were_not_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    let out = quotecheck(&[
        "extract",
        SAMPLE,
        missing,
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(&format!(" {SAMPLE}")) && l.starts_with("extracted ")),
        "{err}"
    );
    assert!(
        lines.iter().any(
            |l| l.ends_with(&format!("{missing}: not extracted (see below)"))
                && !l.starts_with("extracted")
        ),
        "{err}"
    );
    assert!(
        !lines.iter().any(|l| l.ends_with(&format!(" {missing}"))),
        "{err}"
    );
    let last = lines.last().copied().unwrap_or_default();
    assert!(
        last.starts_with(&format!("quotecheck: {missing}: ")),
        "{err}"
    );
}

/// A file written by `extract` is readable by whoever the user's other new
/// files are readable by (a newsroom shares its folders), and a file it
/// replaces keeps the mode it had.
#[cfg(unix)]
#[test]
fn extract_writes_files_with_the_users_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "“We will win,” Jane Doe said.").unwrap();
    assert!(
        quotecheck(&["extract", article.to_str().unwrap()])
            .status
            .success()
    );
    let written = dir.path().join("a.json");
    assert_eq!(mode(&written), 0o666 & !umask);

    std::fs::set_permissions(&written, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(
        quotecheck(&["extract", article.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(mode(&written), 0o640);
}

/// Extracting again over a folder (to pick up new articles, say) keeps the
/// annotation files reviewers have worked on, byte for byte, and writes
/// over those nobody has touched; `--force` writes over both.
#[test]
fn extract_again_keeps_reviewed_work_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let (reviewed, untouched) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::copy(SAMPLE, &reviewed).unwrap();
    std::fs::write(&untouched, "“We will win,” Jane Doe said.").unwrap();
    let folder = dir.path().to_str().unwrap();
    super::succeeded(quotecheck(&["extract", folder]));

    // A reviewer accepts a quote; a tool of theirs adds a field.
    let file = dir.path().join("a.json");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    doc["quotes"][0]["status"] = "accepted".into();
    doc["desk"] = "politics".into();
    let saved = serde_json::to_vec_pretty(&doc).unwrap();
    std::fs::write(&file, &saved).unwrap();
    let stale = br#"{"not": "what extract writes"}"#;
    let other = dir.path().join("b.json");
    let untouched_before = std::fs::read(&other).unwrap();
    std::fs::write(&untouched, "“We will lose,” Jane Doe said.").unwrap();

    let out = super::succeeded(quotecheck(&["extract", folder]));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        saved,
        "the reviewed file is kept"
    );
    let err = stderr(&out);
    assert!(
        err.contains("a.json: kept, a reviewer has worked on it"),
        "{err}"
    );
    assert_ne!(
        std::fs::read(&other).unwrap(),
        untouched_before,
        "b.json is new"
    );

    // A file in the way that is no annotation file is not replaced either,
    // and that is an error.
    std::fs::write(&other, stale).unwrap();
    let out = quotecheck(&["extract", folder]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&other).unwrap(), stale);
    assert!(stderr(&out).contains("is in the way"), "{}", stderr(&out));

    super::succeeded(quotecheck(&["extract", folder, "--force"]));
    let redone = quotecheck_core::format::load_annotations(&file).unwrap();
    assert!(!redone.review_started());
    assert!(quotecheck_core::format::load_annotations(&other).is_ok());
}

/// An annotation file given as an article is refused, not read as text and
/// written over with the "article" it made.
#[test]
fn extract_refuses_an_annotation_file_as_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.json");
    std::fs::copy(GOLD, &file).unwrap();
    let out = quotecheck(&["extract", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("an annotation file, not an article"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(GOLD).unwrap());
}

/// Two articles of one name extracted to one folder would write one file:
/// the first given is extracted, the second refused, every time.
#[test]
fn extract_refuses_a_second_article_for_the_same_annotation_file() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("one"), dir.path().join("two"));
    for (folder, text) in [
        (&first, "“Yes,” Ann Lee said."),
        (&second, "“No,” Tom Hart said."),
    ] {
        std::fs::create_dir(folder).unwrap();
        std::fs::write(folder.join("x.txt"), text).unwrap();
    }
    let out_dir = dir.path().join("out");
    let out = quotecheck(&[
        "extract",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("goes to") && err.contains("too"), "{err}");
    let written = quotecheck_core::format::load_annotations(&out_dir.join("x.json")).unwrap();
    assert!(written.document.text.contains("Ann Lee"));
}

/// A stream of annotation files that cannot be written (a full disk) says
/// why, rather than failing with nothing on stderr.
#[cfg(target_os = "linux")]
#[test]
fn extract_jsonl_says_when_its_output_cannot_be_written() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["extract", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"name\": \"a.txt\", \"text\": \"Jane Doe said so.\"}\n")
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("quotecheck: standard output: "),
        "{}",
        stderr(&out)
    );
}

/// Several articles to standard output come in the order they were given,
/// whichever is extracted first: a script reads the same stream every run.
#[test]
fn extract_to_stdout_keeps_the_order_of_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    // The first is the longest, so it is extracted last.
    let long = std::fs::read_to_string(SAMPLE).unwrap().repeat(40);
    let mut paths = Vec::new();
    for (i, text) in [
        long.as_str(),
        "“Yes,” Ann Lee said.",
        "“No,” Tom Hart said.",
    ]
    .iter()
    .chain(&["Bo said so."; 3])
    .enumerate()
    {
        let path = dir.path().join(format!("{}.txt", (b'f' - i as u8) as char));
        std::fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let mut args = vec!["extract", "--stdout"];
    args.extend(paths.iter().map(String::as_str));
    let out = super::succeeded(quotecheck(&args));
    let names: Vec<String> = serde_json::Deserializer::from_slice(&out.stdout)
        .into_iter::<serde_json::Value>()
        .map(|doc| {
            doc.unwrap()["document"]["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["f.txt", "e.txt", "d.txt", "c.txt", "b.txt", "a.txt"]
    );
}

/// An output folder that is a file is named as a file, and left alone.
#[test]
fn an_output_folder_that_is_a_file_is_named_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out");
    std::fs::write(&file, "mine").unwrap();
    let file_s = file.to_str().unwrap();
    for args in [
        vec!["extract", SAMPLE, "-o", file_s],
        vec!["convert", GOLD, "--to", "brat", "-o", file_s],
    ] {
        let out = quotecheck(&args);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("is a file"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

/// An article whose file name is not UTF-8 gets an annotation file of the
/// same name, byte for byte, so that the two still pair.
#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_keeps_its_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let article = dir.path().join(name).with_extension("txt");
    std::fs::write(&article, "“Yes,” Ann Lee said.").unwrap();
    let out_dir = dir.path().join("out");
    super::succeeded(quotecheck(&[
        "extract",
        dir.path().to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]));
    assert!(out_dir.join(name).with_extension("json").is_file());
}

/// `quotecheck … | head` closes the pipe before the output is written:
/// Rust's printing panicked there, with a backtrace hint on stderr. Now the
/// program ends quietly, as Unix tools do.
#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["adjudicate", "--list"])
        .args([
            "crates/core/tests/fixtures/adjudicate/ana/bridge.json",
            "crates/core/tests/fixtures/adjudicate/ben/bridge.json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reading end closes before the first line can be written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{stderr}");
}

/// `train -o`, `clusters -o` and `report --html` wrote their model, table or
/// page over a file they read (the reviewed file, the article, the metadata)
/// or over an annotation file: the user's data was gone. Now each is
/// refused, before any work, and the file is as it was.
#[test]
fn no_command_writes_its_output_over_a_file_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let reviewed = dir.path().join("reviewed");
    std::fs::create_dir(&reviewed).unwrap();
    let annotations = reviewed.join("blinken-lavrov.json");
    std::fs::copy(GOLD, &annotations).unwrap();
    let metadata = reviewed.join("metadata.csv");
    std::fs::write(
        &metadata,
        "filename,outlet,date\nblinken-lavrov.txt,AP,2022-02-22\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    // An annotation file with a byte-order mark is one too.
    let with_mark = dir.path().join("marked.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(GOLD).unwrap());
    std::fs::write(&with_mark, bytes).unwrap();
    // The folder's registry, which the report reads.
    assert!(
        quotecheck(&["registry", reviewed.to_str().unwrap()])
            .status
            .success()
    );
    let registry = reviewed.join("quotecheck-registry.json");
    let snapshot = || {
        [&annotations, &metadata, &article, &with_mark, &registry]
            .map(|p| std::fs::read(p).unwrap())
    };
    let before = snapshot();
    let p = |path: &Path| path.to_str().unwrap().to_owned();
    for (args, says) in [
        (
            vec![
                "train".into(),
                "--reviewed".into(),
                p(&reviewed),
                "-o".into(),
                p(&annotations),
            ],
            "is one of the files this command reads",
        ),
        (
            vec![
                "clusters".into(),
                "--text".into(),
                p(&article),
                "-o".into(),
                p(&article),
            ],
            "is one of the files this command reads",
        ),
        (
            vec!["report".into(), p(&reviewed), "--html".into(), p(&metadata)],
            "is one of the files this command reads",
        ),
        (
            vec![
                "clusters".into(),
                "--text".into(),
                p(&article),
                "-o".into(),
                p(&annotations),
            ],
            "is an annotation file",
        ),
        (
            vec![
                "report".into(),
                p(&reviewed),
                "--html".into(),
                p(&with_mark),
            ],
            "is an annotation file",
        ),
        (
            vec!["report".into(), p(&reviewed), "--html".into(), p(&registry)],
            "is one of the files this command reads",
        ),
    ] {
        let out = quotecheck(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert!(snapshot() == before, "every file is as it was");
}

/// `train -o m.attributions` wrote the tagger there and then the attribution
/// model over it (its default place is -o with the extension
/// .attributions), and said all was well: refused before any training.
#[test]
fn train_refuses_one_file_for_both_models() {
    let dir = tempfile::tempdir().unwrap();
    let reviewed = dir.path().join("reviewed");
    std::fs::create_dir(&reviewed).unwrap();
    std::fs::copy(GOLD, reviewed.join("blinken-lavrov.json")).unwrap();
    let reviewed = reviewed.to_str().unwrap();
    let model = dir.path().join("m.attributions");
    let model = model.to_str().unwrap();
    let spelt_otherwise = format!("{}/./m.attributions", dir.path().display());
    for args in [
        vec!["train", "--reviewed", reviewed, "-o", model],
        vec![
            "train",
            "--reviewed",
            reviewed,
            "-o",
            model,
            "--attributions-output",
            &spelt_otherwise,
        ],
    ] {
        let out = quotecheck(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("would both be written there"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            !Path::new(model).exists(),
            "nothing trained, nothing written"
        );
    }
}

/// Another tool's fields in a file `extract` wrote (a knowledge-base id on
/// an entity) were lost when the article was extracted again.
#[test]
fn extract_keeps_a_file_another_tool_added_fields_to() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("blinken-lavrov.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    assert!(
        quotecheck(&["extract", article.to_str().unwrap()])
            .status
            .success()
    );
    let json = dir.path().join("blinken-lavrov.json");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    doc["entities"][0]["x_kb"] = "Q123".into();
    std::fs::write(&json, serde_json::to_vec(&doc).unwrap()).unwrap();
    let before = std::fs::read(&json).unwrap();
    let out = quotecheck(&["extract", article.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kept, it holds fields another tool added"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&json).unwrap(), before);
}

/// A file `extract` wrote and someone then mended in a text editor (an
/// entity renamed, a speaker taken off, no status changed) was replaced by
/// the next `extract` as if nobody had touched it. The file's seal tells:
/// changed, it is kept; only laid out anew, it is replaced.
#[test]
fn extract_keeps_a_file_changed_by_hand_since_it_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("blinken-lavrov.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let article = article.to_str().unwrap();
    super::succeeded(quotecheck(&["extract", article]));
    let json = dir.path().join("blinken-lavrov.json");
    let read =
        || -> serde_json::Value { serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap() };

    // Laid out anew (one line, as another program might save it): the same
    // file, replaced.
    std::fs::write(&json, serde_json::to_vec(&read()).unwrap()).unwrap();
    let out = super::succeeded(quotecheck(&["extract", article]));
    assert!(!stderr(&out).contains("kept"), "{}", stderr(&out));

    for edit in [
        |doc: &mut serde_json::Value| doc["entities"][0]["name"] = "Tony Blinken".into(),
        |doc: &mut serde_json::Value| doc["quotes"][0]["speaker"] = serde_json::Value::Null,
    ] {
        super::succeeded(quotecheck(&["extract", article, "--force"]));
        let mut doc = read();
        edit(&mut doc);
        let edited = serde_json::to_vec_pretty(&doc).unwrap();
        std::fs::write(&json, &edited).unwrap();
        let out = super::succeeded(quotecheck(&["extract", article]));
        assert!(
            stderr(&out).contains("kept, it was changed since extract wrote it"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&json).unwrap(), edited);
    }
}

/// A line that is not UTF-8 stopped `extract --jsonl` and threw away the good
/// lines read before it (and never read those after). Now it is skipped and
/// named like any bad line; a byte-order mark and CRLF line ends are read.
#[test]
fn extract_jsonl_skips_a_line_that_is_not_utf8_and_does_the_rest() {
    let line =
        |name: &str| serde_json::json!({"name": name, "text": "“Yes,” she said."}).to_string();
    let mut input = format!("\u{feff}{}\r\n{}\n", line("a.txt"), line("b.txt")).into_bytes();
    input.extend_from_slice(b"{\"name\": \"c.txt\", \"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(format!("{}\n", line("d.txt")).as_bytes());
    let out = extract_jsonl(&input);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 3: not UTF-8 text; skipped"),
        "{}",
        stderr(&out)
    );
    let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            quotecheck_core::format::from_json(Path::new("line"), l.as_bytes())
                .unwrap()
                .document
                .name
        })
        .collect();
    assert_eq!(names, ["a.txt", "b.txt", "d.txt"]);
}

/// `check` said "ok" of values the contract does not allow but loading lets
/// through (so the window still opens such a file): now each is named.
#[test]
fn check_names_values_the_contract_does_not_allow() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(GOLD).unwrap()).unwrap();
    doc["quotes"][0]["confidence"] = 2.5.into();
    doc["review"]["updated_at"] = "yesterday".into();
    let cue_start = doc["quotes"][1]["cue"]["start"].clone();
    doc["quotes"][1]["cue"]["end"] = cue_start;
    doc["quotes"][1]["cue"]["text"] = "".into();
    let path = dir.path().join("doubtful.json");
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    assert!(
        quotecheck_core::format::load_annotations(&path).is_ok(),
        "it still opens"
    );
    let out = quotecheck(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let (q1, q2) = (
        doc["quotes"][0]["id"].as_str().unwrap(),
        doc["quotes"][1]["id"].as_str().unwrap(),
    );
    for expected in [
        format!("quote {q1}: confidence 2.5 is outside 0–1"),
        "review.updated_at \"yesterday\" is no RFC 3339 time".to_owned(),
        format!("quote {q2} cue: the span at"),
    ] {
        assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    }
    // The gold file itself raises none of them.
    assert!(quotecheck(&["check", GOLD]).status.success());
}

/// Options that could only give a model or a table that learnt nothing
/// (`--epochs 0`, `--classes 0 0`, an empty `--valid` file, a text too short
/// for any word class) wrote it with exit code 0; now each is refused, and
/// an existing table is not replaced by an empty one.
#[test]
fn training_options_that_would_learn_nothing_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("a.conll");
    std::fs::write(&conll, "Antony B-PER\nBlinken I-PER\nsaid O\n").unwrap();
    let empty = dir.path().join("empty.conll");
    std::fs::write(&empty, "").unwrap();
    let model = dir.path().join("m.model");
    let table = dir.path().join("classes.tsv");
    std::fs::write(&table, "said\t1\t7\n").unwrap();
    let (c, e, m, t) = (
        conll.to_str().unwrap(),
        empty.to_str().unwrap(),
        model.to_str().unwrap(),
        table.to_str().unwrap(),
    );
    for (args, code, says) in [
        (
            vec!["train", "--conll", c, "--epochs", "0", "-o", m],
            2,
            "must be at least 1",
        ),
        (
            vec!["train", "--conll", c, "--max-features", "0", "-o", m],
            2,
            "must be at least 1",
        ),
        (
            vec!["train", "--conll", c, "--valid", e, "-o", m],
            1,
            "--valid holds no sentence",
        ),
        (
            vec!["train", "--polnear", c, "--polnear-share", "2", "-o", m],
            2,
            "more than 0 and at most 1",
        ),
        (
            vec!["clusters", "--conll", c, "--classes", "0", "0", "-o", t],
            1,
            "coarse count of at least 2",
        ),
        (
            vec!["clusters", "--conll", c, "--classes", "8", "4", "-o", t],
            1,
            "a finer one no smaller",
        ),
        (
            vec!["clusters", "--conll", c, "--classes", "2", "4", "-o", t],
            1,
            "no word is seen 3 times",
        ),
    ] {
        let out = quotecheck(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert!(!model.exists());
    assert_eq!(std::fs::read_to_string(&table).unwrap(), "said\t1\t7\n");
}

/// An annotation file saved as UTF-16 (PowerShell's `>` does) was "not
/// valid JSON: expected value (line 1, column 1)"; it now reads as the
/// UTF-8 file it holds, as articles in UTF-16 do.
#[test]
fn an_annotation_file_in_utf16_reads_as_in_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(GOLD).unwrap();
    let path = dir.path().join("utf16.json");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let out = quotecheck(&["check", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let read = quotecheck_core::format::load_annotations(&path).unwrap();
    let gold = quotecheck_core::format::load_annotations(Path::new(GOLD)).unwrap();
    assert_eq!(read, gold);
}

/// A wrong value outside the quotes and entities was named by its type
/// alone ("invalid type: null, expected a string"), not by its field.
#[test]
fn check_names_the_field_a_wrong_value_is_in() {
    let dir = tempfile::tempdir().unwrap();
    for (field, value, says) in [
        (
            "text",
            serde_json::Value::Null,
            "document.text: invalid type: null",
        ),
        (
            "status",
            "finished".into(),
            "review.status: unknown variant `finished`",
        ),
    ] {
        let mut doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(GOLD).unwrap()).unwrap();
        let parent = if field == "text" {
            "document"
        } else {
            "review"
        };
        doc[parent][field] = value;
        let path = dir.path().join(format!("{field}.json"));
        std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
        let out = quotecheck(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(says), "{stdout}");
    }
}

/// `check` printed the problems in rounds: one quote of the wrong type hid
/// every other, and a broken contract hid the values loading lets through
/// (a confidence of 1.5), so fixing a file took several runs. A quote's
/// wrong value did not name its field either.
#[test]
fn check_prints_every_problem_in_one_round_each_with_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(GOLD).unwrap()).unwrap();
    let id = |i: usize| gold["quotes"][i]["id"].as_str().unwrap().to_owned();
    let check = |doc: &serde_json::Value, name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_vec(doc).unwrap()).unwrap();
        let out = quotecheck(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };

    // Two quotes that do not read: both named, each with its field.
    let mut typed = gold.clone();
    typed["quotes"][0]["cue"]["end"] = "x".into();
    typed["quotes"][1]["kind"] = "shouted".into();
    let stdout = check(&typed, "typed.json");
    for expected in [
        format!("quote {}: cue.end: invalid type: string \"x\"", id(0)),
        format!("quote {}: kind: unknown variant `shouted`", id(1)),
    ] {
        assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    }

    // A bad attribute, a quote that does not read and a wrong value outside
    // the lists, said together.
    let mut mixed = typed.clone();
    mixed["entities"][0]["attributes"] = serde_json::json!({"gender": "robot"});
    mixed["document"]["text"] = serde_json::Value::Null;
    let stdout = check(&mixed, "mixed.json");
    for expected in [
        "robot".to_owned(),
        format!("quote {}: cue.end", id(0)),
        "document.text: invalid type: null".to_owned(),
    ] {
        assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    }

    // A broken contract and a value it does not allow, said together.
    let mut broken = gold.clone();
    broken["quotes"][0]["speaker"] = "e999".into();
    broken["quotes"][1]["confidence"] = 1.5.into();
    let stdout = check(&broken, "broken.json");
    for expected in [
        "e999".to_owned(),
        format!("quote {}: confidence 1.5 is outside 0–1", id(1)),
    ] {
        assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    }
}

/// `check /dev/zero` read for ever, its memory growing until killed.
#[cfg(unix)]
#[test]
fn check_refuses_a_device_instead_of_reading_it_for_ever() {
    let out = quotecheck(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("/dev/zero: is no file"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
