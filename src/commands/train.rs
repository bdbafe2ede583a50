//! `quotecheck train`: learn an entity tagger model from CoNLL files and
//! reviewed annotation files, and the attribution model from PolNeAR and
//! reviewed annotation files (see [`super::attributions`]). Without CoNLL
//! files the tagger goes on from a trained model (the bundled one unless
//! `--from` names another), so that a newsroom without CoNLL-2003 can still
//! teach it its reviewed files.

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_SOME_FAILED, ReadFiles, expand_inputs, output_folder, same_file};
use quotecheck_core::model::EntityLabel;
use quotecheck_core::tagger::conll::read_conll;
use quotecheck_core::tagger::perceptron::{TrainEvent, TrainOptions, train, train_from};
use quotecheck_core::tagger::reviewed::{Reviewed, read_reviewed};
use quotecheck_core::tagger::score::SpanScores;
use quotecheck_core::tagger::text::LabeledText;
use quotecheck_core::tagger::{Model, Tagger};

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// CoNLL-2003 files to learn from (WORD … NER per line, IOB1 or IOB2).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub conll: Vec<PathBuf>,
    /// Reviewed annotation files, or folders of them, to learn from: entities
    /// accepted or edited are names, rejected ones are not; quotes accepted,
    /// edited or added by hand are attributions, rejected ones are not. The
    /// attribution model learns from them on top of the shipped one.
    #[arg(long, value_name = "FILE|DIR", num_args = 1..)]
    pub reviewed: Vec<PathBuf>,
    /// With no --conll files: the model to go on from (default: the bundled
    /// model).
    #[arg(long, value_name = "MODEL", conflicts_with = "conll")]
    pub from: Option<PathBuf>,
    /// A CoNLL file to score the model on after each epoch.
    #[arg(long, value_name = "FILE")]
    pub valid: Option<PathBuf>,
    /// Where to write the tagger model; the attribution model, when one is
    /// trained, goes beside it as MODEL with the extension `.attributions`
    /// (unless --attributions-output says otherwise).
    #[arg(short, long, value_name = "MODEL")]
    pub output: Option<PathBuf>,
    /// Passes of the tagger over the training documents (default: 12 from
    /// scratch, 3 going on from a model, where the new weights settle sooner).
    #[arg(long, value_parser = super::at_least_one)]
    pub epochs: Option<usize>,
    /// Seed of the order documents are seen in: the same seed and inputs give
    /// the same model file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The most features the model keeps (those with the largest weights);
    /// each costs 42 bytes of model file.
    #[arg(long, default_value_t = TrainOptions::default().max_features, value_parser = super::at_least_one)]
    pub max_features: usize,
    /// Train the tagger without a group of features, to measure what it
    /// adds: `lists` (the bundled name lists), `classes` (the word classes),
    /// `paths` (the word paths).
    #[arg(long, value_name = "GROUP", value_parser = ["lists", "classes", "paths"], num_args = 1..)]
    pub without: Vec<String>,
    #[command(flatten)]
    pub attributions: super::attributions::AttributionArgs,
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
    let trains_tagger =
        !args.conll.is_empty() || !args.reviewed.is_empty() && !args.attributions.attributions_only;
    let trains_attributions = args.attributions.polnear.is_some() || !args.reviewed.is_empty();
    if !trains_tagger && !trains_attributions {
        return Err(vec![
            "nothing to learn from: give --conll, --reviewed or --polnear".into(),
        ]);
    }
    let attributions_output = args.attributions.output(args.output.as_deref());
    if trains_attributions && attributions_output.is_none() {
        return Err(vec![
            "say where the attribution model goes: -o MODEL or --attributions-output FILE".into(),
        ]);
    }
    // Found out before training, not after minutes of it.
    if trains_tagger
        && trains_attributions
        && let (Some(tagger_output), Some(attributions_output)) =
            (&args.output, &attributions_output)
        && same_file(tagger_output, attributions_output)
    {
        return Err(vec![format!(
            "{}: the tagger and the attribution model would both be written there, \
             the second over the first; give --attributions-output another file \
             (by default it is -o with the extension .attributions)",
            tagger_output.display()
        )]);
    }
    let inputs = ReadFiles::new(&read_files(args));
    if trains_tagger && let Some(output) = &args.output {
        ready_to_write(output, &inputs).map_err(|e| vec![e])?;
    }
    if let (true, Some(output)) = (trains_attributions, &attributions_output) {
        ready_to_write(output, &inputs).map_err(|e| vec![e])?;
        super::attributions::ready_to_train(&args.attributions)?;
    }
    let tagger = if trains_tagger {
        let output = args
            .output
            .as_ref()
            .ok_or_else(|| vec!["say where the tagger model goes: -o MODEL".to_owned()])?;
        Some(Tagger::new(train_tagger(args, output)?))
    } else {
        None
    };
    if let (true, Some(output)) = (trains_attributions, attributions_output) {
        let tagger = tagger.as_ref().unwrap_or_else(|| Tagger::bundled());
        let reviewed = &args.reviewed;
        super::attributions::train(&args.attributions, reviewed, tagger, &output, args.seed)?;
    }
    Ok(())
}

/// The files training reads, which no model may be written over.
fn read_files(args: &TrainArgs) -> Vec<PathBuf> {
    // Unreadable folders are said when they are read for training.
    let mut ignored = Vec::new();
    let mut files = expand_inputs(&args.reviewed, &["json"], &mut ignored);
    files.extend(args.conll.iter().chain(&args.valid).cloned());
    files
}

/// Makes the folder a model file goes to, as `extract -o` makes its folder;
/// a path that is a folder is no model file, and one of the files training
/// reads, or an annotation file, is never written over.
fn ready_to_write(path: &std::path::Path, inputs: &ReadFiles) -> Result<(), String> {
    inputs.keeps(path)?;
    if path.is_dir() {
        return Err(format!(
            "{}: is a folder; name the model file (e.g. {})",
            path.display(),
            path.join("news.model").display()
        ));
    }
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => output_folder(folder),
        _ => Ok(()),
    }
}

/// Trains the entity tagger and saves it to `output`; the model is kept
/// for the attribution model, which learns from the entities it finds.
fn train_tagger(args: &TrainArgs, output: &std::path::Path) -> Result<Model, Vec<String>> {
    let mut errors = Vec::new();
    let mut training = Vec::new();
    for path in &args.conll {
        match read_conll(path) {
            Ok(docs) => training.extend(docs),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let from_conll = training.len();
    training.extend(reviewed_documents(args, &mut errors));
    let validation = match &args.valid {
        Some(path) => match read_conll(path) {
            // Scored on nothing, every epoch would say nothing.
            Ok(docs) if docs.is_empty() => {
                errors.push(format!("{}: --valid holds no sentence", path.display()));
                Vec::new()
            }
            Ok(docs) => docs,
            Err(e) => {
                errors.push(e.to_string());
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if training.iter().all(|d| d.doc.sentences.is_empty()) {
        let why = if args.conll.is_empty() {
            "nothing to learn from: no --reviewed file has been reviewed yet, or none holds any text"
        } else {
            "nothing to learn from: the --conll files hold no sentences"
        };
        return Err(vec![why.into()]);
    }
    // No CoNLL files: go on from a trained model rather than learn from the
    // reviewed files alone, which would forget every name they do not hold.
    let start = if args.conll.is_empty() {
        Some(match &args.from {
            Some(path) => Model::load(path).map_err(|e| vec![e.to_string()])?,
            None => Tagger::bundled().model().clone(),
        })
    } else {
        None
    };
    if start.is_some() && !args.without.is_empty() {
        return Err(vec![
            "--without applies to training from scratch (with --conll): a model goes on with the features it has".into(),
        ]);
    }
    let epochs = args.epochs.unwrap_or(if start.is_some() { 3 } else { 12 });
    let options = TrainOptions {
        epochs,
        seed: args.seed,
        max_features: args.max_features,
        name_lists: !args.without.iter().any(|g| g == "lists"),
        word_classes: !args.without.iter().any(|g| g == "classes"),
        word_paths: !args.without.iter().any(|g| g == "paths"),
        // The bundled classes were learnt from CoNLL-2003 train among
        // other text, not from anyone's reviewed files.
        in_class_text: from_conll,
    };
    if let Some(start) = &start
        && !validation.is_empty()
    {
        let before = describe(&SpanScores::of_model(start, &validation));
        eprintln!("quotecheck: before training: validation {before}");
    }
    let progress =
        crate::progress::Progress::bar_only((training.len() * epochs) as u64, "training");
    let on_event = |event| match event {
        TrainEvent::Document => progress.step(""),
        TrainEvent::Epoch { epoch, validation } => {
            let line = match validation {
                Some(s) => format!("epoch {epoch}: validation {}", describe(&s)),
                None => format!("epoch {epoch} done"),
            };
            progress.println(&line);
        }
    };
    let model = match &start {
        Some(start) => train_from(start, &training, &validation, &options, on_event),
        None => train(&training, &validation, &options, on_event),
    };
    progress.finish();
    model.save(output).map_err(|e| vec![e.to_string()])?;
    eprintln!(
        "quotecheck: {}: {} features, learnt from {} documents",
        output.display(),
        model.feature_count(),
        training.len()
    );
    Ok(model)
}

/// A validation score as the log shows it.
fn describe(scores: &SpanScores) -> String {
    let (p, r, f1) = scores.prf(&EntityLabel::ALL);
    format!(
        "F1 {f1:.4} (P {p:.4}, R {r:.4}); PER/ORG/LOC F1 {:.4}",
        scores.ner3_f1()
    )
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
        let files = if skipped == 1 { "file" } else { "files" };
        eprintln!("quotecheck: skipped {skipped} annotation {files} whose review has not started");
    }
    docs
}
