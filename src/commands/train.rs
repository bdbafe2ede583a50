//! `quotecheck train`: learn an entity tagger model from CoNLL files and
//! reviewed annotation files.

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_SOME_FAILED, expand_inputs};
use quotecheck_core::tagger::conll::read_conll;
use quotecheck_core::tagger::perceptron::{TrainEvent, TrainOptions, train};
use quotecheck_core::tagger::reviewed::{Reviewed, read_reviewed};
use quotecheck_core::tagger::text::LabeledText;

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// CoNLL-2003 files to learn from (WORD … NER per line, IOB1 or IOB2).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub conll: Vec<PathBuf>,
    /// Reviewed annotation files, or folders of them, to learn from: entities
    /// accepted or edited are names, rejected ones are not.
    #[arg(long, value_name = "FILE|DIR", num_args = 1..)]
    pub reviewed: Vec<PathBuf>,
    /// A CoNLL file to score the model on after each epoch.
    #[arg(long, value_name = "FILE")]
    pub valid: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, value_name = "MODEL")]
    pub output: PathBuf,
    /// Passes over the training documents.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the order documents are seen in: the same seed and inputs give
    /// the same model file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The most features the model keeps (those with the largest weights);
    /// each costs 42 bytes of model file.
    #[arg(long, default_value_t = 200_000)]
    pub max_features: usize,
}

pub fn run(args: &TrainArgs) -> i32 {
    match train_and_save(args) {
        Ok(()) => EXIT_OK,
        Err(errors) => {
            for e in errors {
                eprintln!("quotecheck: {e}");
            }
            EXIT_SOME_FAILED
        }
    }
}

fn train_and_save(args: &TrainArgs) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let mut training = Vec::new();
    for path in &args.conll {
        match read_conll(path) {
            Ok(docs) => training.extend(docs),
            Err(e) => errors.push(e.to_string()),
        }
    }
    training.extend(reviewed_documents(args, &mut errors));
    let validation = match &args.valid {
        Some(path) => read_conll(path).unwrap_or_else(|e| {
            errors.push(e.to_string());
            Vec::new()
        }),
        None => Vec::new(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if training.iter().all(|d| d.doc.sentences.is_empty()) {
        return Err(vec![
            "nothing to learn from: give --conll files or --reviewed files".into(),
        ]);
    }
    let options = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        max_features: args.max_features,
    };
    let progress =
        crate::progress::Progress::bar_only((training.len() * args.epochs) as u64, "training");
    let model = train(&training, &validation, &options, |event| match event {
        TrainEvent::Document => progress.step(""),
        TrainEvent::Epoch { epoch, validation } => {
            let line = match validation {
                Some(s) => {
                    let (p, r, f1) = s.prf(&quotecheck_core::model::EntityLabel::ALL);
                    format!(
                        "epoch {epoch}: validation F1 {f1:.4} (P {p:.4}, R {r:.4}); PER/ORG/LOC F1 {:.4}",
                        s.ner3_f1()
                    )
                }
                None => format!("epoch {epoch} done"),
            };
            progress.println(&line);
        }
    });
    progress.finish();
    model.save(&args.output).map_err(|e| vec![e.to_string()])?;
    eprintln!(
        "quotecheck: {}: {} features, learnt from {} documents",
        args.output.display(),
        model.feature_count(),
        training.len()
    );
    Ok(())
}

/// The documents of the `--reviewed` files; files whose review has not
/// started are skipped, and said so.
fn reviewed_documents(args: &TrainArgs, errors: &mut Vec<String>) -> Vec<LabeledText> {
    let mut docs = Vec::new();
    let mut skipped = 0;
    for path in expand_inputs(&args.reviewed, &["json"], errors) {
        match read_reviewed(&path) {
            Ok(Reviewed::Document(doc)) => docs.push(doc),
            Ok(Reviewed::Unreviewed) => skipped += 1,
            Err(e) => errors.push(e.to_string()),
        }
    }
    if skipped > 0 {
        eprintln!("quotecheck: skipped {skipped} annotation files whose review has not started");
    }
    docs
}
