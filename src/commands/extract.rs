//! `quotecheck extract`: articles in, annotation files out, on every core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::{EXIT_OK, EXIT_SOME_FAILED, article_stem, expand_inputs};
use crate::format::{read_article, to_json, write_atomically};

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Articles (.txt) or folders of them.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the annotation files (created if missing); by default each
    /// goes beside its article, as NAME.json.
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: Option<PathBuf>,
    /// Write the annotation files to standard output instead of to files.
    #[arg(long, conflicts_with = "output")]
    pub stdout: bool,
}

pub fn run(args: &ExtractArgs) -> i32 {
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
    let progress = crate::progress::bar(files.len() as u64, "extracting");
    let stdout = Mutex::new(std::io::stdout());
    let failures: Vec<String> = files
        .par_iter()
        .filter_map(|path| {
            let result = extract_one(path, args, &stdout);
            progress.inc(1);
            result.err()
        })
        .collect();
    progress.finish_and_clear();
    errors.extend(failures);
    for e in &errors {
        eprintln!("quotecheck: {e}");
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

fn extract_one(
    path: &Path,
    args: &ExtractArgs,
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
    let doc = crate::extract::extract(&name, &article.text);
    let bytes = to_json(&doc);
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
