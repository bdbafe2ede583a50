//! `quotecheck convert`: annotations into the formats other tools read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{EXIT_SOME_FAILED, and_more, article_stem, expand_inputs, output_folder, report};
pub use quotecheck_core::format::export::Target;
use quotecheck_core::format::export::export;
use quotecheck_core::format::{FileError, load_annotations, load_any, write_atomically};
use quotecheck_core::model::Annotations;

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
    for path in &files {
        let doc = match load_any(path) {
            Ok(doc) => doc,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        // What a brat file held that the annotations cannot (other
        // relations, notes, a second cue), said rather than dropped.
        for warning in quotecheck_core::format::brat::import_warnings(path) {
            eprintln!("quotecheck: {}: {warning}", path.display());
        }
        let target = args.to.0;
        let out = match target {
            Target::Jsonl | Target::Conll => None,
            _ => Some(output_path(&doc, path, args)),
        };
        if let Some(out) = &out {
            if let Some(first) = written.get(out) {
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
                && let Some(why) = in_the_way(out, path, target, &doc)
            {
                errors.push(why);
                continue;
            }
            written.insert(out.clone(), path);
        }
        match write_one(&doc, path, out.as_deref(), target, &mut combined) {
            Ok(()) => warn_left_out(&doc, path, target),
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
        let changes = std::fs::read(&path).is_ok_and(|old| old != combined);
        if changes && !args.force {
            errors.push(format!(
                "{}: not written: it is already there with other contents; --force writes over it",
                path.display()
            ));
        } else if let Err(e) = write_atomically(&path, &combined) {
            errors.push(e.to_string());
        }
    }
    report(&errors)
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
/// reviewer has worked on (or another tool added fields to) stays; so does
/// any other file whose contents would change (a brat `.ann` edited by
/// hand, a Citron file), and the input itself, converted in place into
/// another format. A file `convert` would write the same again, and an
/// unreviewed annotation file rewritten as one, are replaced.
fn in_the_way(out: &Path, input: &Path, target: Target, doc: &Annotations) -> Option<String> {
    let canonical = |p: &Path| p.canonicalize().ok();
    let written_over = |what: &str| {
        Some(format!(
            "{}: not converted: {} {what}, which it would replace; --force writes over it",
            input.display(),
            out.display()
        ))
    };
    if !out.exists() {
        return None;
    }
    if canonical(out) == canonical(input) {
        return match target {
            Target::Quotecheck => None,
            _ => written_over("is the input itself, an annotation file"),
        };
    }
    if let Ok(existing) = load_annotations(out) {
        if existing.review_started() {
            return written_over("holds a reviewer's work");
        }
        if existing.has_fields_of_other_tools() {
            return written_over("holds fields another tool added");
        }
        if target == Target::Quotecheck {
            return None;
        }
    }
    let unchanged = target
        .render(doc)
        .is_ok_and(|bytes| std::fs::read(out).is_ok_and(|old| old == bytes));
    if unchanged {
        None
    } else {
        written_over("is already there with other contents")
    }
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

fn write_one(
    doc: &Annotations,
    input: &Path,
    out: Option<&Path>,
    target: Target,
    combined: &mut Vec<u8>,
) -> Result<(), FileError> {
    match out {
        Some(out) => export(doc, target, out).map(|_| ()),
        // One file for every article of the batch.
        None => {
            let bytes = target
                .render(doc)
                .map_err(|e| FileError::serialize(input, e))?;
            combined.extend_from_slice(&bytes);
            Ok(())
        }
    }
}
