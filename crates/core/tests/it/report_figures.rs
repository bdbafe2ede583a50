//! `Report` on a folder of three hand-written annotation files
//! (`tests/fixtures/report/`), against counts worked out by hand.
//!
//! The folder:
//! - a.json (done): Dmytro Kuleba (accepted; man, official) says q1
//!   (accepted, 3 words); Anna Berg (pending; woman, automatic) says q2
//!   (pending, 3 words) and q3 (rejected: never counts); the Foreign
//!   Ministry (ORG, pending) says q4 (accepted, 2 words).
//! - b.json (unreviewed): "Kuleba" (pending, no attributes) says q1
//!   (pending, 3 words); q2 (pending, 3 words) has no speaker.
//! - c.json (in progress): "Ukraine's foreign minister Dmytro Kuleba"
//!   (edited; man) says q1 (edited, 4 words); Mrs. Olga Petrenko
//!   (accepted; woman, expert) says q2 (accepted, 2 words).
//! - metadata.csv names a (Daily, 2024-01-05) and b ("Weekly, The",
//!   2024-02-01), not c.

use std::path::Path;

use quotecheck_core::format::load_annotations;
use quotecheck_core::model::{ReviewStatus, Status};
use quotecheck_core::quoted::{ArticleFacts, quoted_in};
use quotecheck_core::registry::Registry;
use quotecheck_core::report::{Metadata, Report, Share, csv, html};

const DIR: &str = "tests/fixtures/report";

fn facts(names: &[&str]) -> Vec<ArticleFacts> {
    names
        .iter()
        .map(|n| {
            let doc = load_annotations(&Path::new(DIR).join(format!("{n}.json"))).unwrap();
            ArticleFacts::of(n, &doc)
        })
        .collect()
}

fn report(names: &[&str]) -> Report {
    let meta = Metadata::load(&Path::new(DIR).join("metadata.csv")).unwrap();
    Report::build(&facts(names), &Registry::new(), Some(&meta))
}

fn row<'a>(rows: &'a [Share], value: &str) -> &'a Share {
    rows.iter().find(|r| r.value == value).unwrap()
}

/// (quotes, reviewed, attribute reviewed, fully reviewed, people, people
/// with the attribute reviewed)
fn counts(s: &Share) -> (usize, usize, usize, usize, usize, usize) {
    (
        s.quotes,
        s.quotes_reviewed,
        s.quotes_attribute_reviewed,
        s.quotes_fully_reviewed,
        s.people,
        s.people_attribute_reviewed,
    )
}

#[test]
fn totals_count_every_quote_but_the_rejected_one() {
    let r = report(&["a", "b", "c"]);
    // a: q1 q2 q4, b: q1 q2, c: q1 q2.
    assert_eq!(r.quotes, 7);
    // a q1 q4, c q1 q2.
    assert_eq!(r.quotes_reviewed, 4);
    assert_eq!(r.quotes_without_speaker, 1);
    // 3 + 3 + 2 + 3 + 3 + 4 + 2.
    assert_eq!(r.words, 20);
    assert_eq!((r.files_done, r.files_in_progress), (1, 1));
    assert!(!r.nothing_reviewed());
}

#[test]
fn kuleba_is_one_person_across_three_articles() {
    let r = report(&["a", "b", "c"]);
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Dmytro Kuleba",
            "Anna Berg",
            "Foreign Ministry",
            "Olga Petrenko"
        ],
        "most quoted first, then by name"
    );
    let kuleba = &r.people[0];
    assert_eq!(kuleba.id.as_deref(), Some("dmytro-kuleba"));
    // a q1, b q1, c q1; a q1 and c q1 reviewed; 3 + 3 + 4 words.
    assert_eq!(
        (
            kuleba.quotes,
            kuleba.quotes_reviewed,
            kuleba.words,
            kuleba.articles
        ),
        (3, 2, 10, 3)
    );
    // Two reviewed entities agree on "man"; a's reviewer said "official".
    assert_eq!(
        (kuleba.gender.shown(), kuleba.gender.reviewed),
        ("man", true)
    );
    assert_eq!(
        (kuleba.role.shown(), kuleba.role.reviewed),
        ("official", true)
    );
    let anna = &r.people[1];
    // q3 is rejected: one quote, automatic gender, no role.
    assert_eq!((anna.quotes, anna.quotes_reviewed, anna.words), (1, 0, 3));
    assert_eq!(
        (anna.gender.shown(), anna.gender.reviewed),
        ("woman", false)
    );
    assert_eq!(anna.role.shown(), "unknown");
}

#[test]
fn shares_by_gender_role_and_label_with_unknown_always_there() {
    let r = report(&["a", "b", "c"]);
    let genders: Vec<&str> = r.by_gender.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(genders, ["woman", "man", "nonbinary", "unknown"]);
    // Women: Anna's q2 (automatic everything), Olga's q2 (all reviewed).
    assert_eq!(counts(row(&r.by_gender, "woman")), (2, 1, 1, 1, 2, 1));
    // Men: Kuleba's three quotes, two reviewed, gender reviewed throughout.
    assert_eq!(counts(row(&r.by_gender, "man")), (3, 2, 3, 2, 1, 1));
    assert_eq!(counts(row(&r.by_gender, "unknown")), (0, 0, 0, 0, 0, 0));

    assert_eq!(counts(row(&r.by_role, "official")), (3, 2, 3, 2, 1, 1));
    assert_eq!(counts(row(&r.by_role, "expert")), (1, 1, 1, 1, 1, 1));
    assert_eq!(counts(row(&r.by_role, "unknown")), (1, 0, 0, 0, 1, 0));
    assert_eq!(r.by_role.last().unwrap().value, "unknown");

    // Labels: the entity is reviewed for Kuleba (a, c) and Olga.
    assert_eq!(counts(row(&r.by_label, "PERSON")), (5, 3, 4, 3, 3, 2));
    assert_eq!(counts(row(&r.by_label, "ORG")), (1, 1, 0, 0, 1, 0));
    // "unknown" label: b's q2, which names nobody.
    assert_eq!(counts(row(&r.by_label, "unknown")), (1, 0, 0, 0, 0, 0));

    assert_eq!(
        r.quoted().to_string(),
        "Quoted: 3 people (2 women, 1 man), 1 organisation"
    );
}

#[test]
fn outlets_and_months_come_from_the_metadata_file() {
    let r = report(&["a", "b", "c"]);
    assert_eq!(r.articles_with_metadata, 2);
    let outlets = r.by_outlet.as_ref().unwrap();
    let by: Vec<(&str, usize, [usize; 4], [usize; 4])> = outlets
        .iter()
        .map(|g| {
            (
                g.value.as_str(),
                g.articles,
                g.quotes_by_gender,
                g.reviewed_by_gender,
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            // a: Anna (woman, pending quote), Kuleba (man, all reviewed).
            ("Daily", 1, [1, 1, 0, 0], [0, 1, 0, 0]),
            // b: Kuleba's pending quote.
            ("Weekly, The", 1, [0, 1, 0, 0], [0, 0, 0, 0]),
            // c is not in the metadata file.
            ("unknown", 1, [1, 1, 0, 0], [1, 1, 0, 0]),
        ]
    );
    let months: Vec<&str> = r
        .by_month
        .as_ref()
        .unwrap()
        .iter()
        .map(|g| g.value.as_str())
        .collect();
    assert_eq!(months, ["2024-01", "2024-02", "unknown"]);
    let a = &r.articles[0];
    assert_eq!(
        (a.outlet.as_deref(), a.date.as_deref()),
        (Some("Daily"), Some("2024-01-05"))
    );
    assert_eq!(
        a.quoted.to_string(),
        "Quoted: 2 people (1 woman, 1 man), 1 organisation"
    );
}

/// Earlier builds saved a reviewer's corrections under "unreviewed" until
/// the article was marked done: such a file is in progress.
#[test]
fn a_file_saying_unreviewed_with_decisions_in_it_is_in_progress() {
    let mut doc = load_annotations(&Path::new(DIR).join("b.json")).unwrap();
    assert_eq!(ArticleFacts::of("b", &doc).review, ReviewStatus::Unreviewed);
    doc.quotes[0].status = Status::Accepted;
    assert_eq!(doc.review.status, ReviewStatus::Unreviewed);
    let facts = ArticleFacts::of("b", &doc);
    assert_eq!(facts.review, ReviewStatus::InProgress);
    let r = Report::build(&[facts], &Registry::new(), None);
    assert_eq!((r.files_done, r.files_in_progress), (0, 1));
}

#[test]
fn a_folder_with_nothing_reviewed_still_reports_and_says_so() {
    let r = report(&["b"]);
    assert!(r.nothing_reviewed());
    assert_eq!(r.quotes, 2);
    assert_eq!(r.people.len(), 1);
    assert_eq!(r.quoted().to_string(), "Quoted: 1 person (1 unknown)");
    let page = html::render(&r, "b");
    assert!(page.contains("Nothing in this folder has been reviewed yet"));
    let summary = &csv::tables(&r)[0].1;
    assert!(summary.contains("nothing_reviewed,true"), "{summary}");
}

#[test]
fn an_article_line_takes_a_gender_the_entity_lacks_from_the_registry() {
    let b = load_annotations(&Path::new(DIR).join("b.json")).unwrap();
    assert_eq!(
        quoted_in(&b, None).to_string(),
        "Quoted: 1 person (1 unknown)"
    );
    let mut registry = Registry::new();
    registry.absorb(&facts(&["a", "c"]));
    // "Kuleba" alone: the only Kuleba of the registry, a man.
    assert_eq!(
        quoted_in(&b, Some(&registry)).to_string(),
        "Quoted: 1 person (1 man)"
    );
}

/// Tags opened and closed in order; void elements need no end tag.
fn assert_well_formed(html: &str) {
    const VOID: [&str; 3] = ["meta", "br", "hr"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("every tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "closing {tag}");
        } else if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
}

#[test]
fn the_page_is_well_formed_self_contained_and_escapes_names() {
    let r = report(&["a", "b", "c"]);
    let page = html::render(&r, "<Folder & co>");
    assert_well_formed(&page);
    assert!(page.contains("&lt;Folder &amp; co&gt;"));
    assert!(!page.contains("<Folder"));
    for outside in ["<script", "src=", "href=", "@import", "url("] {
        assert!(!page.contains(outside), "{outside} in the page");
    }
    assert!(page.contains("<svg"), "charts are inline SVG");
    assert!(page.contains("Weekly, The"));
}

#[test]
fn every_csv_table_has_its_header_width_on_every_row() {
    let r = report(&["a", "b", "c"]);
    let tables = csv::tables(&r);
    let names: Vec<&str> = tables.iter().map(|t| t.0).collect();
    assert_eq!(
        names,
        [
            "summary.csv",
            "people.csv",
            "by_gender.csv",
            "by_role.csv",
            "by_label.csv",
            "articles.csv",
            "by_outlet.csv",
            "by_month.csv"
        ]
    );
    for (name, text) in &tables {
        let rows = split_csv(text);
        let width = rows[0].len();
        assert!(rows.len() > 1, "{name} has rows");
        for row in &rows {
            assert_eq!(row.len(), width, "{name}: {row:?}");
        }
    }
    let outlets = split_csv(&tables[6].1);
    assert_eq!(
        outlets[2][0], "Weekly, The",
        "a comma inside a field stays one field"
    );
    let people = split_csv(&tables[1].1);
    assert_eq!(
        people[1][..5],
        ["1", "dmytro-kuleba", "Dmytro Kuleba", "PERSON", "man"]
    );
}

/// A reader for what `csv::tables` writes (quoted fields, CRLF rows).
fn split_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => field.push(c),
        }
    }
    rows
}
