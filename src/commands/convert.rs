//! `quotecheck convert`: annotations into the formats other tools read.

use std::path::{Path, PathBuf};

use super::{EXIT_SOME_FAILED, article_stem, expand_inputs, report};
use crate::format::{self, FileError, load_any, write_atomically};
use crate::model::Annotations;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// Annotation file, version 1 (NAME.json).
    Quotecheck,
    /// brat standoff (NAME.ann and NAME.txt).
    Brat,
    /// Citron JSON (NAME.json).
    Citron,
    /// spaCy / Prodigy JSON Lines, every article in annotations.jsonl.
    Jsonl,
    /// CoNLL-style IOB for entity training, every article in annotations.conll.
    Conll,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Annotation files, Citron JSON, brat .ann files (with .txt beside), or folders of them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The format to write.
    #[arg(long, value_enum)]
    pub to: Target,
    /// Folder for the converted files (created if missing).
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: PathBuf,
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
    let mut combined = String::new();
    for path in &files {
        let result = load_any(path).and_then(|doc| write_one(&doc, path, args, &mut combined));
        if let Err(e) = result {
            errors.push(e.to_string());
        }
    }
    let combined_name = match args.to {
        Target::Jsonl => Some("annotations.jsonl"),
        Target::Conll => Some("annotations.conll"),
        _ => None,
    };
    if let Some(name) = combined_name
        && !combined.is_empty()
        && let Err(e) = write_atomically(&args.output.join(name), combined.as_bytes())
    {
        errors.push(e.to_string());
    }
    report(&errors)
}

fn write_one(
    doc: &Annotations,
    input: &Path,
    args: &ConvertArgs,
    combined: &mut String,
) -> Result<(), FileError> {
    let stem = article_stem(Path::new(&doc.document.name));
    let stem = if stem.is_empty() {
        article_stem(input)
    } else {
        stem
    };
    let out = |ext: &str| args.output.join(format!("{stem}.{ext}"));
    match args.to {
        Target::Quotecheck => write_atomically(&out("json"), &format::to_json(doc)),
        Target::Citron => {
            let value = format::citron::to_citron(doc);
            let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
            bytes.push(b'\n');
            write_atomically(&out("json"), &bytes)
        }
        Target::Brat => {
            write_atomically(&out("txt"), doc.text().as_bytes())?;
            write_atomically(&out("ann"), format::brat::to_standoff(doc).as_bytes())
        }
        Target::Jsonl => {
            combined.push_str(&format::jsonl::to_jsonl_record(doc).to_string());
            combined.push('\n');
            Ok(())
        }
        Target::Conll => {
            combined.push_str(&format::conll::to_conll(doc));
            Ok(())
        }
    }
}
