//! `quotecheck check`: validate annotation files, print every problem.

use std::path::{Path, PathBuf};

use super::{EXIT_OK, EXIT_SOME_FAILED, expand_inputs};
use quotecheck_core::format::{FileError, check_json};
use quotecheck_core::registry::{REGISTRY_FILE, Registry};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Annotation files (.json) or folders of them.
    #[arg(required = true, value_name = "FILE.json|DIR")]
    pub inputs: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> i32 {
    let mut errors = Vec::new();
    let files = expand_inputs(&args.inputs, &["json"], &mut errors);
    for e in &errors {
        eprintln!("quotecheck: {e}");
    }
    let mut failed = !errors.is_empty();
    // A folder's registry of people is checked as a registry, and so is
    // one named as a file.
    let is_registry = |p: &Path| p.file_name().is_some_and(|n| n == REGISTRY_FILE);
    let registries = (args.inputs.iter())
        .filter(|p| p.is_dir())
        .map(|dir| Registry::path_in(dir))
        .filter(|p| p.exists())
        .chain(files.iter().filter(|p| is_registry(p)).cloned());
    for path in registries {
        match Registry::load(&path) {
            Ok(_) => println!("{}: ok", path.display()),
            Err(e) => {
                failed = true;
                for p in e.problems() {
                    println!("{}: {}", path.display(), strip_path(&p, &path));
                }
            }
        }
    }
    for path in files.iter().filter(|p| !is_registry(p)) {
        let problems = check_file(path);
        if problems.is_empty() {
            println!("{}: ok", path.display());
        } else {
            failed = true;
            for p in problems {
                println!("{}: {p}", path.display());
            }
        }
    }
    if failed { EXIT_SOME_FAILED } else { EXIT_OK }
}

/// Every problem of the annotation file at `path`, including an article
/// beside it (same name, `.txt`) whose text changed since it was annotated,
/// and values the contract does not allow but loading lets through.
pub fn check_file(path: &Path) -> Vec<String> {
    // A device or a pipe (`check /dev/zero`) would be read for ever.
    if path.exists() && !path.is_file() {
        return vec![
            "is no file (a device, a pipe or a folder); check reads annotation files".into(),
        ];
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return vec![strip_path(&FileError::io(path, e).to_string(), path)],
    };
    (check_json(path, &bytes).into_iter())
        .map(|p| strip_path(&p, path))
        .collect()
}

/// Errors already name the file; `check` prints it once at the line start.
fn strip_path(problem: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    problem.strip_prefix(&prefix).unwrap_or(problem).to_owned()
}
