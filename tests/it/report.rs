//! `quotecheck registry` and `quotecheck report` on the hand-written folder
//! of `crates/core/tests/fixtures/report` (its counts are worked out in the
//! core's `report_figures` tests): what a newsroom runs and publishes.

use super::quotecheck;
use std::path::Path;

const FIXTURES: &str = "crates/core/tests/fixtures/report";

/// A copy of the fixture folder, so the registry can be written beside it.
fn folder(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::copy(Path::new(FIXTURES).join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn report_writes_html_and_csv_and_says_who_is_quoted() {
    let dir = folder(&["a.json", "b.json", "c.json", "metadata.csv"]);
    let html = dir.path().join("out/report.html");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let csv = dir.path().join("tables");
    let out = quotecheck(&[
        "report",
        dir.path().to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}{stdout}", text(&out.stderr));
    assert!(
        stdout.contains("Quoted: 3 people (2 women, 1 man), 1 organisation"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 articles (1 done, 1 in progress); 7 quotes, 57% reviewed"),
        "{stdout}"
    );
    // The metadata file beside the articles was found and read; the
    // article it lacks is named.
    assert!(stdout.contains("2 of 3 articles found in it"), "{stdout}");
    assert!(
        text(&out.stderr).contains("no row for c;"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("1. Dmytro Kuleba (PERSON, man): 3 quotes in 3 articles"),
        "{stdout}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    for table in [
        "people.csv",
        "by_gender.csv",
        "by_outlet.csv",
        "by_month.csv",
        "articles.csv",
    ] {
        assert!(csv.join(table).is_file(), "{table}");
    }
    // Reporting does not write a registry into the folder.
    assert!(!dir.path().join("quotecheck-registry.json").exists());
}

#[test]
fn a_folder_with_nothing_reviewed_still_reports_saying_so() {
    let dir = folder(&["b.json"]);
    let html = dir.path().join("r.html");
    let out = quotecheck(&[
        "report",
        dir.path().to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Nothing here has been reviewed"));
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("Nothing in this folder has been reviewed yet")
    );
}

#[test]
fn registry_builds_the_file_beside_the_articles_and_a_rerun_changes_nothing() {
    let dir = folder(&["a.json", "b.json", "c.json"]);
    let out = quotecheck(&["registry", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("4 entries (4 new)"),
        "{}",
        text(&out.stdout)
    );
    // Each entry added is named, as docs/report.md promises.
    let added = text(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("added "))
        .count();
    assert_eq!(added, 4, "{}", text(&out.stdout));
    let path = dir.path().join("quotecheck-registry.json");
    let first = std::fs::read(&path).unwrap();
    let out = quotecheck(&["registry", dir.path().to_str().unwrap()]);
    assert!(
        text(&out.stdout).contains("4 entries (0 new), 0 aliases added"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        !text(&out.stdout).lines().any(|l| l.starts_with("added ")),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read(&path).unwrap(), first, "stable for git");
    // The report reads it (and does not count it as an article).
    let out = quotecheck(&["report", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("3 articles"));
}

#[test]
fn a_broken_annotation_file_is_named_and_the_rest_still_reported() {
    let dir = folder(&["a.json"]);
    std::fs::write(dir.path().join("broken.json"), "{ not json").unwrap();
    let out = quotecheck(&["report", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("broken.json"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).starts_with("1 article ("),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn tools_that_read_a_folder_pass_over_its_registry_and_check_checks_it() {
    let dir = folder(&["a.json", "c.json"]);
    let d = dir.path().to_str().unwrap();
    assert_eq!(quotecheck(&["registry", d]).status.code(), Some(0));
    let out = quotecheck(&["check", d]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("quotecheck-registry.json: ok"), "{stdout}");
    // Named as a file, it is checked as a registry too.
    let registry = dir.path().join("quotecheck-registry.json");
    let out = quotecheck(&["check", registry.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = quotecheck(&["eval", d, d, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    std::fs::write(
        dir.path().join("quotecheck-registry.json"),
        r#"{"format": "quotecheck-registry", "version": 1, "entries": [{"id": "x", "name": "X", "label": "PERSON", "attributes": {"gender": "f"}}]}"#,
    )
    .unwrap();
    let out = quotecheck(&["check", d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("quotecheck-registry.json: entry x: gender \"f\" is not one of"),
        "{}",
        text(&out.stdout)
    );
}

/// A folder named twice, or a folder and a file in it, counts each article
/// once: published figures must not double.
#[test]
fn a_file_given_twice_counts_once() {
    let dir = folder(&["a.json", "b.json", "c.json"]);
    let folder_path = dir.path().to_str().unwrap();
    let a = dir.path().join("a.json");
    let once = quotecheck(&["report", folder_path]);
    let twice = quotecheck(&["report", folder_path, folder_path, a.to_str().unwrap()]);
    assert_eq!(twice.status.code(), Some(0), "{}", text(&twice.stderr));
    assert!(text(&twice.stdout).starts_with("3 articles"));
    assert_eq!(text(&twice.stdout), text(&once.stdout));
}

/// A registry made from no annotation file is not written: it would hide
/// that the folder was the wrong one.
#[test]
fn registry_of_a_folder_without_annotation_files_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = quotecheck(&["registry", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no registry written"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("quotecheck-registry.json").exists());
}

/// Two reviewers' folders reported together count every shared article
/// twice; the report says so, naming the files.
#[test]
fn an_article_in_two_files_is_named_as_counted_twice() {
    let ana = "crates/core/tests/fixtures/adjudicate/ana";
    let ben = "crates/core/tests/fixtures/adjudicate/ben";
    let out = quotecheck(&["report", ana, ben]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the same article is in more than one file (bridge = bridge)"),
        "{stderr}"
    );
    let alone = quotecheck(&["report", ana]);
    assert!(!text(&alone.stderr).contains("more than one file"));
}

/// A quotation mark never closed swallowed every later row into one outlet
/// name, which the report then published; an article with two rows took the
/// last without a word.
#[test]
fn metadata_with_an_open_quotation_mark_or_a_repeated_row_is_said() {
    let dir = folder(&["a.json", "b.json"]);
    let metadata = dir.path().join("metadata.csv");
    std::fs::write(
        &metadata,
        "filename,outlet,date\na.txt,AP,2022-02-22\nb.txt,\"The Times,2022-03-01\nc.txt,BBC,2022-04-01\n",
    )
    .unwrap();
    let out = quotecheck(&["report", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 3: a quotation mark opens a field that is never closed"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(
        &metadata,
        "filename,outlet,date\na.txt,AP,2022-02-22\nb.txt,CNN,2022-03-01\na.txt,Reuters,2022-02-22\n",
    )
    .unwrap();
    let out = quotecheck(&["report", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("a has more than one row; the last row is the one read"),
        "{}",
        text(&out.stderr)
    );
}

/// A metadata file saved in windows-1252 (a spreadsheet's export) was
/// "stream did not contain valid UTF-8"; it is read as articles are.
#[test]
fn metadata_in_windows_1252_is_read() {
    let dir = folder(&["a.json"]);
    std::fs::write(
        dir.path().join("metadata.csv"),
        b"filename,outlet,date\na.txt,Le Monde \xe9dition,2022-02-22\n",
    )
    .unwrap();
    let csv = dir.path().join("csv");
    let out = quotecheck(&[
        "report",
        dir.path().to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let by_outlet = std::fs::read_to_string(csv.join("by_outlet.csv")).unwrap();
    assert!(by_outlet.contains("Le Monde édition,1,"), "{by_outlet}");
}

/// `--html tables/people.csv --csv tables` wrote the page and then the
/// people table over it, and said all went well; `--html new/r.html` failed
/// with a bare "No such file or directory" where `--csv` makes its folder.
#[test]
fn the_page_gets_its_folder_and_never_shares_a_file_with_a_table() {
    let dir = folder(&["a.json", "b.json", "c.json"]);
    let input = dir.path().to_str().unwrap();
    let tables = dir.path().join("tables");
    let clash = tables.join("people.csv");
    let out = quotecheck(&[
        "report",
        input,
        "--html",
        clash.to_str().unwrap(),
        "--csv",
        tables.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--html names the file of the people.csv table"),
        "{}",
        text(&out.stderr)
    );
    assert!(!tables.exists(), "nothing written");

    let page = dir.path().join("new/folder/report.html");
    let out = quotecheck(&["report", input, "--html", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}
