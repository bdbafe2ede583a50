//! `quotecheck clusters`: learn the tagger's word classes from unlabelled
//! text; this is how `crates/core/assets/ner/clusters.tsv` is built.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_SOME_FAILED, ReadFiles, expand_inputs, report};
use quotecheck_core::tagger::clusters::{ClusterOptions, LEVELS, learn_classes};
use quotecheck_core::tagger::conll::read_conll;

#[derive(Debug, clap::Args)]
pub struct ClustersArgs {
    /// Plain-text articles (.txt), or folders of them, to learn from.
    #[arg(long, value_name = "FILE|DIR", num_args = 1..)]
    pub text: Vec<PathBuf>,
    /// CoNLL files whose text (not their labels) to learn from.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub conll: Vec<PathBuf>,
    /// Where to write the table (WORD, coarse class, fine class, times seen per line).
    #[arg(short, long, value_name = "TABLE")]
    pub output: PathBuf,
    /// Class counts of the coarse and the fine grouping.
    #[arg(long, num_args = LEVELS, value_names = ["COARSE", "FINE"], default_values_t = [64, 512])]
    pub classes: Vec<usize>,
    /// Words seen fewer times than this get no class.
    #[arg(long, default_value_t = 3)]
    pub min_count: usize,
    /// The most passes over the words per grouping.
    #[arg(long, default_value_t = 15, value_parser = super::at_least_one)]
    pub passes: usize,
}

pub fn run(args: &ClustersArgs) -> i32 {
    let Ok(sizes) = <[usize; LEVELS]>::try_from(args.classes.as_slice()) else {
        return report(&[format!("--classes takes {LEVELS} counts")]);
    };
    // The tagger reads a coarse class and a finer one.
    if sizes[0] < 2 || sizes[0] > sizes[1] {
        return report(&[format!(
            "--classes {} {}: give a coarse count of at least 2, then a finer one no smaller",
            sizes[0], sizes[1]
        )]);
    }
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    let files = expand_inputs(&args.text, &["txt"], &mut errors);
    if let Err(e) = ReadFiles::new(files.iter().chain(&args.conll)).keeps(&args.output) {
        return report(&[e]);
    }
    for path in files {
        // Read as extract reads articles: UTF-16 and 8-bit text too.
        match quotecheck_core::format::read_article(&path) {
            Ok(article) => texts.push(article.text),
            Err(e) => errors.push(e.to_string()),
        }
    }
    for path in &args.conll {
        match read_conll(path) {
            Ok(docs) => texts.extend(docs.into_iter().map(|d| d.doc.text)),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        return report(&errors);
    }
    if texts.is_empty() {
        return report(&["no text to learn from: give --text folders or --conll files".to_owned()]);
    }
    let options = ClusterOptions {
        sizes,
        min_count: args.min_count,
        max_passes: args.passes,
    };
    let table = learn_classes(&texts, &options, |level, pass, moved| {
        eprintln!(
            "quotecheck: {} classes, pass {pass}: {moved} words moved",
            sizes[level]
        );
    });
    let mut out = format!(
        "# Word classes for the entity tagger: WORD, then its class among {} and among {}, then the\n\
         # times it was seen, learnt by `quotecheck clusters` (the exchange algorithm) from {} texts;\n\
         # see docs/tagger.md.\n",
        sizes[0],
        sizes[1],
        texts.len()
    );
    for (word, classes, count) in &table {
        // A word with a tab or line break in it cannot be written as a line.
        if word.contains(['\t', '\n', '\r']) {
            continue;
        }
        let _ = write!(out, "{word}");
        for c in classes {
            let _ = write!(out, "\t{c}");
        }
        let _ = writeln!(out, "\t{count}");
    }
    // Too little text (every word rarer than --min-count): a table of no
    // words would replace a good one and give the tagger nothing.
    if table.is_empty() {
        return report(&[format!(
            "{}: not written: no word is seen {} times or more in the text given",
            args.output.display(),
            args.min_count
        )]);
    }
    match quotecheck_core::format::write_atomically(&args.output, out.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "quotecheck: {}: {} words",
                args.output.display(),
                table.len()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("quotecheck: {e}");
            EXIT_SOME_FAILED
        }
    }
}
