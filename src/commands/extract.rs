//! `quotecheck extract`: articles in, annotation files out, on every core.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::{EXIT_OK, EXIT_SOME_FAILED, expand_inputs, output_folder, report};
use crate::progress::Progress;
use quotecheck_core::extract::{Models, extract_using};
use quotecheck_core::format::{load_annotations, read_article, to_json, write_atomically};
use quotecheck_core::model::WorkInFile;

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
    /// Write over annotation files a reviewer has worked on or another tool
    /// added fields to, and over files in the way that are no annotation
    /// files; without it they are kept, and named.
    #[arg(long, conflicts_with_all = ["stdout", "jsonl"])]
    pub force: bool,
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
        && let Err(e) = output_folder(out)
    {
        eprintln!("quotecheck: {e}");
        return EXIT_SOME_FAILED;
    }
    let plans = plan(&files, args);
    let progress = Progress::new(files.len() as u64, "extracted");
    let stdout = Mutex::new(InOrder::default());
    let outcomes: Vec<Result<(), Skipped>> = files
        .par_iter()
        .zip(&plans)
        .enumerate()
        .map(|(at, (path, plan))| {
            let result = match plan {
                Plan::Write(target) => extract_one(path, target.as_deref(), models, (&stdout, at))
                    .map_err(Skipped::Failed),
                Plan::Skip(skipped) => Err(skipped.clone()),
            };
            if args.stdout && result.is_err() {
                // Nothing to write for it, but the files after it wait.
                let mut out = stdout.lock().unwrap_or_else(|p| p.into_inner());
                if let Err(e) = out.put(at, Vec::new()) {
                    return Err(Skipped::Failed(format!("standard output: {e}")));
                }
            }
            // A line saying "extracted" must not stand for a file that was
            // not: its reason comes with the other errors at the end.
            let item = path.display().to_string();
            match &result {
                Ok(()) => progress.step(&item),
                Err(Skipped::Kept(_)) => progress.step_undone(&item, "kept (see below)"),
                Err(Skipped::Failed(_)) => progress.step_undone(&item, "not extracted (see below)"),
            }
            result
        })
        .collect();
    progress.finish();
    for outcome in outcomes {
        match outcome {
            Ok(()) => {}
            // Reviewed work kept is what the user wants: no failure.
            Err(Skipped::Kept(note)) => eprintln!("quotecheck: {note}"),
            Err(Skipped::Failed(e)) => errors.push(e),
        }
    }
    report(&errors)
}

/// What becomes of one input.
enum Plan {
    /// Extract it, to this file (none: to standard output).
    Write(Option<PathBuf>),
    Skip(Skipped),
}

/// Why an input is not extracted.
#[derive(Clone)]
enum Skipped {
    /// Its annotation file holds a reviewer's work, which is kept.
    Kept(String),
    /// Something is wrong with it (the exit code says so).
    Failed(String),
}

/// Decides, before any work, what to do with each of `files`: an
/// annotation file given as an article, two articles whose annotation files
/// would be the same file, and an annotation file a reviewer has worked on
/// (or a file in the way that is none) must not be written over.
fn plan(files: &[PathBuf], args: &ExtractArgs) -> Vec<Plan> {
    let mut first_for: HashMap<PathBuf, &Path> = HashMap::new();
    files
        .iter()
        .map(|path| {
            if has_json_extension(path) {
                return Plan::Skip(Skipped::Failed(format!(
                    "{}: an annotation file, not an article: extract reads articles (.txt); \
                     open it in the window, or `quotecheck check` it",
                    path.display()
                )));
            }
            if args.stdout {
                return Plan::Write(None);
            }
            let target = match &args.output {
                Some(dir) => dir.join(annotation_name(path)),
                None => path.with_extension("json"),
            };
            if let Some(first) = first_for.get(&target) {
                return Plan::Skip(Skipped::Failed(format!(
                    "{}: not extracted: {} goes to {} too; extract the two to different folders",
                    path.display(),
                    first.display(),
                    target.display()
                )));
            }
            first_for.insert(target.clone(), path);
            if !args.force
                && target.exists()
                && let Some(skipped) = in_the_way(path, &target)
            {
                return Plan::Skip(skipped);
            }
            Plan::Write(Some(target))
        })
        .collect()
}

/// Why the existing file `target` must not be replaced by the annotations
/// of `article`, if it must not: it holds a reviewer's work or another
/// tool's fields, it changed since `extract` wrote it (a name mended in a
/// text editor), or it is no annotation file at all. One that `extract`
/// wrote and nobody has touched since is replaced.
fn in_the_way(article: &Path, target: &Path) -> Option<Skipped> {
    let kept = |why: &str| {
        Some(Skipped::Kept(format!(
            "{}: kept, {why}; --force extracts over it",
            target.display()
        )))
    };
    match load_annotations(target) {
        Ok(mut doc) => kept(match doc.work_in_it()? {
            WorkInFile::Review => "a reviewer has worked on it",
            WorkInFile::OtherToolsFields => "it holds fields another tool added",
            WorkInFile::ChangedSinceExtracted => "it was changed since extract wrote it",
        }),
        Err(e) => Some(Skipped::Failed(format!(
            "{}: not extracted: {} is in the way and does not load ({e}); --force replaces it",
            article.display(),
            target.display()
        ))),
    }
}

/// `NAME.json` for the article `NAME.txt`, byte for byte: a file name that
/// is not UTF-8 keeps its bytes, so the two still pair.
fn annotation_name(article: &Path) -> std::ffi::OsString {
    let mut name = article
        .file_stem()
        .map_or_else(|| "article".into(), ToOwned::to_owned);
    name.push(".json");
    name
}

fn has_json_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Annotation files for standard output, written in the order of the
/// inputs whatever order they are extracted in, so that a script gets the
/// same stream every run.
#[derive(Default)]
struct InOrder {
    next: usize,
    waiting: std::collections::BTreeMap<usize, Vec<u8>>,
}

impl InOrder {
    /// The file of input `at` (empty if it has none) is ready: writes it
    /// and every ready one after it, once those before it are written.
    fn put(&mut self, at: usize, bytes: Vec<u8>) -> std::io::Result<()> {
        self.waiting.insert(at, bytes);
        let mut out = std::io::stdout().lock();
        while let Some(bytes) = self.waiting.remove(&self.next) {
            self.next += 1;
            out.write_all(&bytes)?;
        }
        out.flush()
    }
}

/// Extracts the article at `path` and writes its annotation file to
/// `target`, or else, as input `at`, to standard output.
fn extract_one(
    path: &Path,
    target: Option<&Path>,
    models: Models,
    (stdout, at): (&Mutex<InOrder>, usize),
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
    let Some(target) = target else {
        let mut out = stdout.lock().unwrap_or_else(|p| p.into_inner());
        return out
            .put(at, bytes)
            .map_err(|e| format!("standard output: {e}"));
    };
    write_atomically(target, &bytes).map_err(|e| e.to_string())
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
    // Lines as bytes: one that is not UTF-8 is reported and skipped like
    // any bad line, not taken for the end of the input.
    let mut lines = input.split(b'\n').enumerate().peekable();
    let mut unreadable = false;
    while lines.peek().is_some() && !unreadable {
        batch.clear();
        for (n, line) in lines.by_ref().take(JSONL_BATCH) {
            let line = match line {
                Ok(bytes) => String::from_utf8(bytes),
                Err(e) => {
                    // Reading failed: the lines read so far are still done.
                    eprintln!("quotecheck: standard input line {}: {e}", n + 1);
                    failed = true;
                    unreadable = true;
                    break;
                }
            };
            match line {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => {
                    let line = line.strip_suffix('\r').unwrap_or(&line);
                    // A byte-order mark some editors put before the first line.
                    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
                    batch.push((n + 1, line.to_owned()));
                }
                Err(_) => {
                    eprintln!(
                        "quotecheck: standard input line {}: not UTF-8 text; skipped",
                        n + 1
                    );
                    failed = true;
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
                    if let Err(e) = writeln!(output, "{json}") {
                        // A reader that went away (a closed pipe, where no
                        // SIGPIPE ends the program first, as on Windows)
                        // needs no message; a full disk does.
                        if e.kind() != std::io::ErrorKind::BrokenPipe {
                            eprintln!("quotecheck: standard output: {e}");
                        }
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
