//! `quotecheck convert`: annotations into the formats other tools read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{EXIT_SOME_FAILED, and_more, article_stem, expand_inputs, output_folder, report};
pub use quotecheck_core::format::export::Target;
use quotecheck_core::format::export::write_rendered;
use quotecheck_core::format::{FileError, from_json, load_any_noting, write_atomically};
use quotecheck_core::model::{Annotations, WorkInFile, sha256_hex_bytes};

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Annotation files, Citron JSON, brat .ann files (with .txt beside), or folders of them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The format to write.
    #[arg(long, value_enum)]
    pub to: Format,
    /// Folder for the converted files (created if missing).
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// Write over files already in OUT_DIR whose contents would change (an
    /// annotation file a reviewer has worked on, a brat file edited by hand);
    /// without it they are kept, and the input that would replace them is
    /// named.
    #[arg(long)]
    pub force: bool,
}

/// A [`Target`] as the command line names it; the core knows no clap.
#[derive(Debug, Clone, Copy)]
pub struct Format(pub Target);

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        static FORMATS: std::sync::LazyLock<Vec<Format>> =
            std::sync::LazyLock::new(|| Target::ALL.into_iter().map(Format).collect());
        &FORMATS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.label()))
    }
}

pub fn run(args: &ConvertArgs) -> i32 {
    let mut errors = Vec::new();
    let files = expand_inputs(&args.inputs, &["json", "ann"], &mut errors);
    if let Err(e) = output_folder(&args.output) {
        eprintln!("quotecheck: {e}");
        return EXIT_SOME_FAILED;
    }
    let mut combined = Vec::new();
    // Each file written, with the input it was written for.
    let mut written: HashMap<PathBuf, &Path> = HashMap::new();
    let mut own = OwnFiles::read(&args.output);
    let target = args.to.0;
    for path in &files {
        let (doc, warnings) = match load_any_noting(path) {
            Ok(read) => read,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        // What a brat or Citron file held that the annotations cannot
        // (other relations, notes, a second cue or source), said rather
        // than dropped.
        for warning in warnings {
            eprintln!("quotecheck: {}: {warning}", path.display());
        }
        let bytes = match target.render(&doc) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(FileError::serialize(path, e).to_string());
                continue;
            }
        };
        let out = match target {
            // One file for every article of the batch.
            Target::Jsonl | Target::Conll => {
                combined.extend_from_slice(&bytes);
                warn_left_out(&doc, path, target);
                continue;
            }
            _ => output_path(&doc, path, args),
        };
        if let Some(first) = written.get(&out) {
            errors.push(format!(
                "{}: not converted: {} goes to {} too (both articles are named {:?}); \
                 convert the two to different folders",
                path.display(),
                first.display(),
                out.display(),
                doc.document.name
            ));
            continue;
        }
        if !args.force
            && let Some(why) = in_the_way(&out, path, &doc, target, &bytes, &own)
        {
            errors.push(why);
            continue;
        }
        written.insert(out.clone(), path);
        match write_rendered(&doc, target, &out, &bytes) {
            Ok(_) => {
                warn_left_out(&doc, path, target);
                own.wrote(&out, &bytes);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    let combined_name = match args.to.0 {
        Target::Jsonl => Some("annotations.jsonl"),
        Target::Conll => Some("annotations.conll"),
        _ => None,
    };
    if let Some(name) = combined_name
        && !combined.is_empty()
    {
        let path = args.output.join(name);
        let kept = std::fs::read(&path)
            .is_ok_and(|old| old != combined && !own.unchanged_since_written(&path, &old));
        if kept && !args.force {
            errors.push(format!(
                "{}: not written: it is already there, changed since convert wrote it (or not written by it); --force writes over it",
                path.display()
            ));
        } else if let Err(e) = write_atomically(&path, &combined) {
            errors.push(e.to_string());
        } else {
            own.wrote(&path, &combined);
        }
    }
    if let Err(e) = own.save() {
        errors.push(e);
    }
    report(&errors)
}

/// The files `convert` wrote into an output folder, with the SHA-256 of
/// what it wrote, kept in the folder (`.quotecheck-convert`, JSON; no
/// `.json` extension, so no tool takes it for an annotation file): a file
/// still as convert left it is its own to replace on the next run (the
/// nightly export), while one changed since (a brat file corrected by hand)
/// or never written by it is kept unless --force.
struct OwnFiles {
    record: PathBuf,
    digests: std::collections::BTreeMap<String, String>,
    changed: bool,
}

impl OwnFiles {
    const FILE: &'static str = ".quotecheck-convert";

    /// The record of `dir`; none yet (or one that does not read) is empty,
    /// which protects every file there.
    fn read(dir: &Path) -> OwnFiles {
        let record = dir.join(Self::FILE);
        let digests = std::fs::read(&record)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        OwnFiles {
            record,
            digests,
            changed: false,
        }
    }

    fn key(path: &Path) -> Option<String> {
        path.file_name().map(|n| n.to_string_lossy().into_owned())
    }

    /// Whether `existing`, the bytes at `path`, are what convert last wrote
    /// there.
    fn unchanged_since_written(&self, path: &Path, existing: &[u8]) -> bool {
        Self::key(path)
            .and_then(|k| self.digests.get(&k))
            .is_some_and(|recorded| *recorded == sha256_hex_bytes(existing))
    }

    fn wrote(&mut self, path: &Path, bytes: &[u8]) {
        if let Some(key) = Self::key(path) {
            self.digests.insert(key, sha256_hex_bytes(bytes));
            self.changed = true;
        }
    }

    fn save(&self) -> Result<(), String> {
        if !self.changed {
            return Ok(());
        }
        let bytes = serde_json::to_vec_pretty(&self.digests).map_err(|e| e.to_string())?;
        write_atomically(&self.record, &bytes).map_err(|e| e.to_string())
    }
}

/// Where the article of `doc` (read from `input`) is written: named after
/// the article, as the tools these formats are for expect.
fn output_path(doc: &Annotations, input: &Path, args: &ConvertArgs) -> PathBuf {
    let stem = article_stem(Path::new(&doc.document.name));
    let stem = if stem.is_empty() {
        article_stem(input)
    } else {
        stem
    };
    (args.output).join(format!("{stem}.{}", args.to.0.extension()))
}

/// Why `out` must not be written over with `doc` in `target`'s format, if
/// it must not. Nothing is lost without --force: an annotation file a
/// reviewer has worked on (or another tool added fields to) stays, and so
/// does the input itself, converted in place into another format. Any other
/// file is replaced only when convert would write it the same again, or it
/// is still as convert last wrote it ([`OwnFiles`]): a brat `.ann`
/// corrected by hand since stays. An unreviewed annotation file of the same
/// text rewritten as one is replaced; one of another text is kept.
fn in_the_way(
    out: &Path,
    input: &Path,
    doc: &Annotations,
    target: Target,
    bytes: &[u8],
    own: &OwnFiles,
) -> Option<String> {
    let written_over = |what: &str| {
        Some(format!(
            "{}: not converted: {} {what}, which it would replace; --force writes over it",
            input.display(),
            out.display()
        ))
    };
    // Nothing there (or nothing that reads, which the write will say).
    let existing = std::fs::read(out).ok()?;
    let same_again = existing == bytes;
    let canonical = |p: &Path| p.canonicalize().ok();
    if canonical(out) == canonical(input) {
        // An annotation file rewritten as one keeps all it holds; anything
        // else written in its place replaces the input itself.
        return match target {
            _ if same_again => None,
            Target::Quotecheck if from_json(out, &existing).is_ok() => None,
            _ => written_over("is the input itself"),
        };
    }
    // Nothing is lost: the same bytes again, or convert's own earlier
    // output nobody has touched (its contents came from an input).
    if same_again || own.unchanged_since_written(out, &existing) {
        return None;
    }
    if let Ok(mut existing) = from_json(out, &existing) {
        if let Some(work) = existing.work_in_it() {
            return written_over(match work {
                WorkInFile::Review => "holds a reviewer's work",
                WorkInFile::OtherToolsFields => "holds fields another tool added",
                WorkInFile::ChangedSinceExtracted => "was changed since extract wrote it",
            });
        }
        if target == Target::Quotecheck {
            if existing.document.text != doc.document.text {
                return written_over(&format!(
                    "holds the annotations of another text ({:?})",
                    existing.document.name
                ));
            }
            return None;
        }
    }
    written_over("is already there, changed since convert wrote it (or not written by it)")
}

/// Names on stderr what the format could not hold of the article (a name
/// CoNLL leaves out because another overlaps it): written, but not whole.
fn warn_left_out(doc: &Annotations, input: &Path, target: Target) {
    let left_out = target.left_out(doc);
    if let Some(first) = left_out.first() {
        eprintln!(
            "quotecheck: {}: left out of the {}: {first}{}",
            input.display(),
            target.label(),
            and_more(left_out.len(), 1)
        );
    }
}
