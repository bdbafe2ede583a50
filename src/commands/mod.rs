//! The subcommands: the same work as the window, for scripts and pipelines.
//! Each reports problems on stderr, one line per file, and returns the
//! process exit code.

pub mod adjudicate;
pub mod attributions;
pub mod check;
pub mod clusters;
pub mod convert;
pub mod eval;
pub mod extract;
pub mod models;
pub mod registry;
pub mod report;
pub mod train;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use quotecheck_core::registry::REGISTRY_FILE;

/// Exit code when every input was handled.
pub const EXIT_OK: i32 = 0;
/// Exit code when some input could not be handled; the others still were.
pub const EXIT_SOME_FAILED: i32 = 1;

/// Prints each error on its own line, naming its file, and gives the exit
/// code: some input failed or none did.
pub fn report(errors: &[String]) -> i32 {
    for e in errors {
        eprintln!("quotecheck: {e}");
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

/// Expands each argument: a folder stands for the files in it whose name ends
/// in one of `extensions` (sorted, not recursive; its registry of people,
/// `quotecheck-registry.json`, left out), a file for itself. A folder that
/// cannot be listed is reported and skipped. A file named twice (a folder
/// and a file in it, or one path written two ways) comes once: counted
/// twice, it would count twice in a report and teach twice in training.
pub fn expand_inputs(
    inputs: &[PathBuf],
    extensions: &[&str],
    errors: &mut Vec<String>,
) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    let mut files = listed_inputs(inputs, extensions, errors);
    // A path that does not resolve stays, to be reported by what reads it.
    files.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    files
}

fn listed_inputs(
    inputs: &[PathBuf],
    extensions: &[&str],
    errors: &mut Vec<String>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match std::fs::read_dir(input) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file() && has_extension(p, extensions))
                        // The registry of the folder's people is no article.
                        .filter(|p| p.file_name().is_none_or(|n| n != REGISTRY_FILE))
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        errors.push(format!(
                            "{}: no .{} files in this folder",
                            input.display(),
                            extensions.join(" or .")
                        ));
                    }
                    files.extend(found);
                }
                Err(e) => errors.push(format!("{}: {e}", input.display())),
            }
        } else {
            files.push(input.clone());
        }
    }
    files
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// `NAME` of `NAME.txt`: the stem the annotation file is named after.
pub fn article_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".to_owned())
}

/// Makes the folder `dir` that output goes to, as `mkdir -p` would; a file
/// of that name is named as such, not as a failure to create a folder.
pub fn output_folder(dir: &Path) -> Result<(), String> {
    // A file, or a device such as /dev/null.
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{}: is a file, not a folder; the output goes to a folder",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot create the output folder: {e}", dir.display()))
}

/// " and N more" after the first `shown` of `total` things a message names
/// (nothing when it names them all).
pub fn and_more(total: usize, shown: usize) -> String {
    match total.saturating_sub(shown) {
        0 => String::new(),
        more => format!(" and {more} more"),
    }
}

/// The files a command reads, each resolved once (a path spelt two ways,
/// a symbolic link), which no output of it may replace.
pub struct ReadFiles(HashSet<PathBuf>);

impl ReadFiles {
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> ReadFiles {
        ReadFiles(
            paths
                .into_iter()
                .filter_map(|p| p.canonicalize().ok())
                .collect(),
        )
    }

    /// Refuses to write `output` over a file the command reads (`train -o`
    /// named as its own CoNLL file, `report --html` as its metadata) or
    /// over an annotation file, which only the commands that write
    /// annotation files may replace: either would destroy a user's data to
    /// write a model, a table or a page.
    pub fn keeps(&self, output: &Path) -> Result<(), String> {
        let Ok(target) = output.canonicalize() else {
            // Nothing there yet.
            return Ok(());
        };
        if self.0.contains(&target) {
            return Err(format!(
                "{}: is one of the files this command reads; write the output elsewhere",
                output.display()
            ));
        }
        if holds_annotations(output) {
            return Err(format!(
                "{}: is an annotation file, which this would replace; write the output elsewhere",
                output.display()
            ));
        }
        Ok(())
    }
}

/// Whether two output paths name one file, whether or not it exists yet
/// (`m.attributions` and `./m.attributions`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    fn resolved(p: &Path) -> PathBuf {
        p.canonicalize()
            .ok()
            .or_else(|| {
                let folder = match p.parent() {
                    Some(f) if !f.as_os_str().is_empty() => f,
                    _ => Path::new("."),
                };
                Some(folder.canonicalize().ok()?.join(p.file_name()?))
            })
            .unwrap_or_else(|| p.to_path_buf())
    }
    resolved(a) == resolved(b)
}

/// Whether `path` is a file in quotecheck's annotation format.
fn holds_annotations(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Header {
        format: String,
    }
    // Decoded as the annotation reader decodes (a byte-order mark, UTF-16).
    quotecheck_core::format::read_article(path).is_ok_and(|file| {
        serde_json::from_str::<Header>(&file.text)
            .is_ok_and(|h| h.format == quotecheck_core::model::FORMAT_NAME)
    })
}

/// A count that must be at least 1 (`--epochs`, `--max-features`): zero
/// would write a model that has learnt nothing, and say nothing of it.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// A share of a whole, more than 0 and at most 1 (`--polnear-share 0.25`).
pub fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        Ok(_) => Err("must be more than 0 and at most 1".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}
