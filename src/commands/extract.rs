//! `quotecheck extract`: articles in, annotation files out, on every core.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::{EXIT_OK, EXIT_SOME_FAILED, article_stem, expand_inputs, report};
use crate::progress::Progress;
use quotecheck_core::extract::{Models, extract_using};
use quotecheck_core::format::{read_article, to_json, write_atomically};

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Articles (.txt) or folders of them.
    #[arg(required_unless_present = "jsonl", value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the annotation files (created if missing); by default each
    /// goes beside its article, as NAME.json.
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: Option<PathBuf>,
    /// Write the annotation files to standard output instead of to files.
    #[arg(long, conflicts_with = "output")]
    pub stdout: bool,
    /// Read articles as JSON Lines on standard input ({"name": …, "text": …}
    /// a line) and write one annotation file a line on standard output.
    #[arg(long, conflicts_with_all = ["inputs", "output", "stdout"])]
    pub jsonl: bool,
    #[command(flatten)]
    pub models: super::models::ModelArgs,
}

pub fn run(args: &ExtractArgs) -> i32 {
    let models = match args.models.load() {
        Ok(models) => models,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return EXIT_SOME_FAILED;
        }
    };
    if args.jsonl {
        return run_jsonl(
            std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            models,
        );
    }
    let mut errors = Vec::new();
    let files = expand_inputs(&args.inputs, &["txt"], &mut errors);
    if let Some(out) = &args.output
        && let Err(e) = std::fs::create_dir_all(out)
    {
        eprintln!(
            "quotecheck: {}: cannot create the output folder: {e}",
            out.display()
        );
        return EXIT_SOME_FAILED;
    }
    let progress = Progress::new(files.len() as u64, "extracted");
    let stdout = Mutex::new(std::io::stdout());
    let failures: Vec<String> = files
        .par_iter()
        .filter_map(|path| {
            let result = extract_one(path, args, models, &stdout);
            // A line saying "extracted" must not stand for a file that was
            // not: its reason comes with the other errors at the end.
            let item = path.display().to_string();
            match &result {
                Ok(()) => progress.step(&item),
                Err(_) => progress.step(&format!("{item}: not extracted (see below)")),
            }
            result.err()
        })
        .collect();
    progress.finish();
    errors.extend(failures);
    report(&errors)
}

fn extract_one(
    path: &Path,
    args: &ExtractArgs,
    models: Models,
    stdout: &Mutex<std::io::Stdout>,
) -> Result<(), String> {
    let article = read_article(path).map_err(|e| e.to_string())?;
    if let Some(notice) = &article.encoding_notice {
        eprintln!("quotecheck: {}: {notice}", path.display());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = extract_using(&name, &article.text, models);
    let bytes = to_json(&doc).map_err(|e| format!("{}: {e}", path.display()))?;
    if args.stdout {
        // One lock per file keeps each file's JSON in one piece.
        let mut out = stdout.lock().unwrap_or_else(|p| p.into_inner());
        return out
            .write_all(&bytes)
            .map_err(|e| format!("standard output: {e}"));
    }
    let target = match &args.output {
        Some(dir) => dir.join(format!("{}.json", article_stem(path))),
        None => path.with_extension("json"),
    };
    write_atomically(&target, &bytes).map_err(|e| e.to_string())
}

/// An article as a pipeline hands it over.
#[derive(serde::Deserialize)]
struct JsonlArticle {
    #[serde(default)]
    name: Option<String>,
    text: String,
}

/// How many lines are extracted in parallel before their results are
/// written; bounds memory on endless streams while keeping every core busy.
const JSONL_BATCH: usize = 256;

/// Extracts each line of `input` and writes the annotation files to `output`
/// in the same order, one a line. A bad line is reported by number on
/// stderr and skipped; the exit code says whether any was.
fn run_jsonl(input: impl BufRead, output: &mut impl Write, models: Models) -> i32 {
    let mut failed = false;
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(JSONL_BATCH);
    let mut lines = input.lines().enumerate().peekable();
    while lines.peek().is_some() {
        batch.clear();
        for (n, line) in lines.by_ref().take(JSONL_BATCH) {
            match line {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => batch.push((n + 1, line)),
                Err(e) => {
                    eprintln!("quotecheck: standard input line {}: {e}", n + 1);
                    return EXIT_SOME_FAILED;
                }
            }
        }
        let results: Vec<Result<String, String>> = batch
            .par_iter()
            .map(|(n, line)| {
                let article: JsonlArticle = serde_json::from_str(line)
                    .map_err(|e| format!("standard input line {n}: not an article ({{\"name\": …, \"text\": …}}): {e}"))?;
                let name = article.name.unwrap_or_else(|| format!("line-{n}.txt"));
                let doc = extract_using(&name, &article.text, models);
                serde_json::to_string(&doc).map_err(|e| format!("line {n}: {e}"))
            })
            .collect();
        for result in results {
            match result {
                Ok(json) => {
                    if writeln!(output, "{json}").is_err() {
                        // The reader went away (a closed pipe): stop quietly.
                        return EXIT_SOME_FAILED;
                    }
                }
                Err(e) => {
                    failed = true;
                    eprintln!("quotecheck: {e}");
                }
            }
        }
    }
    if failed { EXIT_SOME_FAILED } else { EXIT_OK }
}
