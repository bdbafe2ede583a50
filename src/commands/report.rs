//! `quotecheck report`: who is quoted across folders of annotation files, as
//! text on standard output, a self-contained HTML page and CSV tables.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{
    EXIT_OK, EXIT_SOME_FAILED, ReadFiles, and_more, article_stem, expand_inputs, output_folder,
    same_file,
};
use quotecheck_core::format::{load_annotations, write_atomically};
use quotecheck_core::quoted::ArticleFacts;
use quotecheck_core::registry::Registry;
use quotecheck_core::report::{Metadata, Report, csv, html, percent};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Folders of annotation files (.json), or single files.
    #[arg(required = true, value_name = "DIR")]
    pub inputs: Vec<PathBuf>,
    /// Write the report as one self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write the tables as CSV files into this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// The registry of people and organisations; by default
    /// quotecheck-registry.json in the first folder, when there is one.
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// A CSV or TSV file giving each article's outlet and date; by default
    /// metadata.csv or metadata.tsv in a folder given.
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// How many of the most quoted to list on standard output.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
}

/// The annotation files of `inputs` read into the facts a report needs, on
/// every core; files that cannot be read are added to `errors`.
pub fn load_facts(inputs: &[PathBuf], errors: &mut Vec<String>) -> Vec<ArticleFacts> {
    let files = expand_inputs(inputs, &["json"], errors);
    facts_of(&files, errors)
}

/// [`load_facts`] of files already listed.
fn facts_of(files: &[PathBuf], errors: &mut Vec<String>) -> Vec<ArticleFacts> {
    let results: Vec<Result<ArticleFacts, String>> = files
        .par_iter()
        .map(|path| {
            let doc = load_annotations(path).map_err(|e| e.to_string())?;
            Ok(ArticleFacts::of(&article_stem(path), &doc))
        })
        .collect();
    let mut facts = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => facts.push(f),
            Err(e) => errors.push(e),
        }
    }
    facts
}

/// The registry file the folders use: `explicit`, else the one in the first
/// folder.
pub fn registry_path(inputs: &[PathBuf], explicit: Option<&Path>) -> Option<PathBuf> {
    explicit.map(Path::to_owned).or_else(|| {
        inputs
            .iter()
            .find(|p| p.is_dir())
            .map(|dir| Registry::path_in(dir))
    })
}

pub fn run(args: &ReportArgs) -> i32 {
    let mut errors = Vec::new();
    let files = expand_inputs(&args.inputs, &["json"], &mut errors);
    let facts = facts_of(&files, &mut errors);
    let registry = match registry_path(&args.inputs, args.registry.as_deref()) {
        Some(path) if args.registry.is_some() || path.exists() => match Registry::load(&path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("quotecheck: {e}");
                return EXIT_SOME_FAILED;
            }
        },
        _ => Registry::new(),
    };
    let metadata_path = args.metadata.clone().or_else(|| {
        args.inputs
            .iter()
            .filter(|p| p.is_dir())
            .flat_map(|d| [d.join("metadata.csv"), d.join("metadata.tsv")])
            .find(|p| p.is_file())
    });
    let metadata = match &metadata_path {
        Some(path) => match Metadata::load(path) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("quotecheck: {e}");
                return EXIT_SOME_FAILED;
            }
        },
        None => None,
    };
    warn_of_articles_counted_twice(&facts);
    let report = Report::build(&facts, &registry, metadata.as_ref());
    print_summary(&report, args.top);
    if let (Some(path), Some(m)) = (&metadata_path, &metadata) {
        println!(
            "Metadata {}: names from column {:?}, outlets from {}, dates from {}; {} of {} articles found in it",
            path.display(),
            m.name_column,
            m.outlet_column
                .as_deref()
                .map_or("no column".to_owned(), |c| format!("{c:?}")),
            m.date_column
                .as_deref()
                .map_or("no column".to_owned(), |c| format!("{c:?}")),
            report.articles_with_metadata,
            report.articles.len()
        );
        let unmatched: Vec<&str> = (facts.iter())
            .filter(|a| m.find(&a.file, &a.document).is_none())
            .map(|a| a.file.as_str())
            .collect();
        if !unmatched.is_empty() {
            let shown = unmatched[..unmatched.len().min(5)].join(", ");
            let more = and_more(unmatched.len(), 5);
            eprintln!(
                "quotecheck: {}: no row for {shown}{more}; their outlet and month count as unknown",
                path.display()
            );
        }
        if let Some(first) = m.repeated.first() {
            let more = and_more(m.repeated.len(), 1);
            eprintln!(
                "quotecheck: {}: {first}{more} has more than one row; the last row is the one read",
                path.display()
            );
        }
        if let Some((article, date)) = m.unread_dates.first() {
            let more = and_more(m.unread_dates.len(), 1);
            eprintln!(
                "quotecheck: {}: the date {date:?} of {article}{more} is no day in ISO 8601 \
                 (YYYY-MM-DD); those articles count under an unknown month",
                path.display()
            );
        }
    }
    // What was read is never written over (`--html metadata.csv`).
    let registry_file = registry_path(&args.inputs, args.registry.as_deref());
    let read = ReadFiles::new(files.iter().chain(&metadata_path).chain(&registry_file));
    let write = |path: &Path, contents: &str| {
        read.keeps(path)?;
        write_atomically(path, contents.as_bytes()).map_err(|e| e.to_string())
    };
    let tables = args.csv.as_ref().map(|dir| (dir, csv::tables(&report)));
    // The page and a table at one path: the second would replace the first.
    if let (Some(page), Some((dir, tables))) = (&args.html, &tables)
        && let Some((name, _)) = tables
            .iter()
            .find(|(name, _)| same_file(page, &dir.join(name)))
    {
        eprintln!(
            "quotecheck: {}: --html names the file of the {name} table --csv writes; \
             put the page elsewhere",
            page.display()
        );
        return EXIT_SOME_FAILED;
    }
    if let Some(path) = &args.html {
        // Its folder is made, as --csv makes its own.
        let folder = path.parent().filter(|f| !f.as_os_str().is_empty());
        let page = html::render(&report, &title_of(&args.inputs));
        if let Err(e) = folder
            .map_or(Ok(()), output_folder)
            .and_then(|()| write(path, &page))
        {
            errors.push(e);
        }
    }
    if let Some((dir, tables)) = tables {
        match output_folder(dir) {
            Err(e) => errors.push(e),
            Ok(()) => {
                for (name, contents) in tables {
                    if let Err(e) = write(&dir.join(name), &contents) {
                        errors.push(e);
                    }
                }
            }
        }
    }
    for e in &errors {
        eprintln!("quotecheck: {e}");
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

/// The page's title: the folders' names.
fn title_of(inputs: &[PathBuf]) -> String {
    let names: Vec<String> = inputs
        .iter()
        .map(|p| {
            let p = p.canonicalize().unwrap_or_else(|_| p.clone());
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        })
        .collect();
    names.join(", ")
}

fn print_summary(r: &Report, top: usize) {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    // Said first: it changes how every figure after it reads.
    if r.nothing_reviewed() {
        println!("Nothing here has been reviewed: every figure rests on automatic tags alone.");
    }
    println!(
        "{} ({} done, {} in progress); {}, {} reviewed; {} name no speaker",
        plural(r.articles.len(), "article", "articles"),
        r.files_done,
        r.files_in_progress,
        plural(r.quotes, "quote", "quotes"),
        percent(r.quotes_reviewed, r.quotes),
        r.quotes_without_speaker
    );
    println!("{}", r.quoted());
    let by_people = r.quotes_by_people();
    println!("Quotes by people, by gender (quote reviewed / gender reviewed):");
    for s in &r.by_gender {
        println!(
            "  {:<10} {:>7} {:>5}   ({} / {})",
            s.value,
            s.quotes,
            percent(s.quotes, by_people),
            percent(s.quotes_reviewed, s.quotes),
            percent(s.quotes_attribute_reviewed, s.quotes)
        );
    }
    if top > 0 && !r.people.is_empty() {
        println!("Most quoted:");
        for (i, p) in r.people.iter().take(top).enumerate() {
            let auto = if p.gender.value.is_some() && !p.gender.reviewed {
                ", automatic"
            } else {
                ""
            };
            println!(
                "  {:>3}. {} ({}, {}{auto}): {} in {}, {} reviewed",
                i + 1,
                p.name,
                p.label,
                p.gender.shown(),
                plural(p.quotes, "quote", "quotes"),
                plural(p.articles, "article", "articles"),
                percent(p.quotes_reviewed, p.quotes)
            );
        }
    }
}

/// Says which articles (by their text) stand in more than one file, as when
/// two reviewers' folders are reported together: each file counts, so
/// every figure of such an article counts twice.
fn warn_of_articles_counted_twice(facts: &[ArticleFacts]) {
    let mut files_of: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for f in facts {
        files_of.entry(&f.sha256).or_default().push(&f.file);
    }
    let twice: Vec<String> = (files_of.values())
        .filter(|files| files.len() > 1)
        .map(|files| files.join(" = "))
        .collect();
    if let Some(first) = twice.first() {
        let more = and_more(twice.len(), 1);
        eprintln!(
            "quotecheck: the same article is in more than one file ({first}{more}), and each \
             counts: report one reviewer's folder, or the adjudicated one"
        );
    }
}
