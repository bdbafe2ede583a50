//! `quotecheck convert`: annotations into the formats other tools read.

use std::path::{Path, PathBuf};

use super::{EXIT_SOME_FAILED, article_stem, expand_inputs, report};
pub use quotecheck_core::format::export::Target;
use quotecheck_core::format::export::export;
use quotecheck_core::format::{FileError, load_any, write_atomically};
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
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        eprintln!(
            "quotecheck: {}: cannot create the output folder: {e}",
            args.output.display()
        );
        return EXIT_SOME_FAILED;
    }
    let mut combined = Vec::new();
    for path in &files {
        let result = load_any(path).and_then(|doc| write_one(&doc, path, args, &mut combined));
        if let Err(e) = result {
            errors.push(e.to_string());
        }
    }
    let combined_name = match args.to.0 {
        Target::Jsonl => Some("annotations.jsonl"),
        Target::Conll => Some("annotations.conll"),
        _ => None,
    };
    if let Some(name) = combined_name
        && !combined.is_empty()
        && let Err(e) = write_atomically(&args.output.join(name), &combined)
    {
        errors.push(e.to_string());
    }
    report(&errors)
}

fn write_one(
    doc: &Annotations,
    input: &Path,
    args: &ConvertArgs,
    combined: &mut Vec<u8>,
) -> Result<(), FileError> {
    let stem = article_stem(Path::new(&doc.document.name));
    let stem = if stem.is_empty() {
        article_stem(input)
    } else {
        stem
    };
    let out = |ext: &str| args.output.join(format!("{stem}.{ext}"));
    match args.to.0 {
        // One file for every article of the batch.
        Target::Jsonl | Target::Conll => {
            let bytes = args
                .to
                .0
                .render(doc)
                .map_err(|e| FileError::serialize(input, e))?;
            combined.extend_from_slice(&bytes);
            Ok(())
        }
        target => export(doc, target, &out(target.extension())).map(|_| ()),
    }
}
