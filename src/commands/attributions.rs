//! The attribution model's part of `quotecheck train`: learning from PolNeAR
//! (with cross-validation and calibration) or from reviewed files on top of
//! the shipped model, and scoring on a held-out split.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::expand_inputs;
use quotecheck_core::eval::Scores;
use quotecheck_core::extract::attribution::AttributionModel;
use quotecheck_core::extract::attribution::training::{
    LearningOptions, Prepared, TrainingArticle, calibrated, confidence_bins, cross_validate,
    measure, prepare, read_polnear, reviewed_article, subset, train as learn,
};
use quotecheck_core::format::{load_annotations, save_annotations};
use quotecheck_core::model::Annotations;
use quotecheck_core::tagger::Tagger;

/// Passes over the articles when learning from scratch, and on top of a
/// trained model: on the 380 articles of PolNeAR train's half B that
/// no run learnt from, a model trained on half A and then on 40 reviewed
/// articles of half B scored all_f1 0.751 after one pass, 0.740 after
/// three and 0.729 after ten (0.750 before).
const EPOCHS_FROM_SCRATCH: usize = 10;
const EPOCHS_ON_TOP: usize = 1;

#[derive(Debug, clap::Args)]
pub struct AttributionArgs {
    /// A PolNeAR split (with `attributions/` and `text/`) to learn the
    /// attribution model from, from scratch.
    #[arg(long, value_name = "DIR")]
    pub polnear: Option<PathBuf>,
    /// Cross-validate on the --polnear articles in this many folds first:
    /// prints the held-out scores and calibrates the confidence on them.
    #[arg(long, value_name = "K", requires = "polnear")]
    pub folds: Option<usize>,
    /// A PolNeAR split to score the trained attribution model on.
    #[arg(long, value_name = "DIR")]
    pub polnear_valid: Option<PathBuf>,
    /// Learn from this share (0–1) of the --polnear articles only, chosen
    /// by --seed: for learning curves.
    #[arg(long, value_name = "SHARE", default_value_t = 1.0, value_parser = super::share)]
    pub polnear_share: f64,
    /// Where to write the attribution model (by default beside the tagger
    /// model: MODEL with the extension `.attributions`).
    #[arg(long, value_name = "FILE")]
    pub attributions_output: Option<PathBuf>,
    /// The attribution model that learning from --reviewed files starts
    /// from (by default the shipped one).
    #[arg(long, value_name = "FILE")]
    pub attributions_from: Option<PathBuf>,
    /// Passes over the articles when learning attributions: by default 10
    /// from scratch (--polnear), 1 on top of a trained model (--reviewed
    /// alone). More passes over a few dozen reviewed articles cost
    /// precision on others (measured in docs/attributions.md).
    #[arg(long, value_name = "N")]
    pub attribution_epochs: Option<usize>,
    /// Train the attribution model only, even with --reviewed files.
    #[arg(long)]
    pub attributions_only: bool,
    /// Print the scores as JSON lines too (one per report).
    #[arg(long)]
    pub json: bool,
    /// Write the quotes predicted for held-out articles (cross-validation
    /// folds, --polnear-valid) to this folder as annotation files, NAME.json,
    /// for scoring or reading.
    #[arg(long, value_name = "DIR")]
    pub predictions: Option<PathBuf>,
}

impl AttributionArgs {
    /// Where the attribution model goes.
    pub fn output(&self, tagger_output: Option<&Path>) -> Option<PathBuf> {
        self.attributions_output
            .clone()
            .or_else(|| tagger_output.map(|m| m.with_extension("attributions")))
    }
}

/// Learns the attribution model and saves it to `output`; `tagger` finds
/// the entities the model looks at, as it will when extracting.
pub fn train(
    args: &AttributionArgs,
    reviewed: &[PathBuf],
    tagger: &Tagger,
    output: &Path,
    seed: u64,
) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let polnear = match &args.polnear {
        Some(dir) => read_polnear(dir).unwrap_or_else(|e| {
            errors.push(e.to_string());
            Vec::new()
        }),
        None => Vec::new(),
    };
    let reviewed = reviewed_articles(reviewed, &mut errors);
    let valid = match &args.polnear_valid {
        Some(dir) => read_polnear(dir).unwrap_or_else(|e| {
            errors.push(e.to_string());
            Vec::new()
        }),
        None => Vec::new(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if polnear.is_empty() && reviewed.is_empty() {
        return Err(vec![
            "no attributions to learn from: the --polnear folder and the --reviewed files hold no articles".into(),
        ]);
    }
    let options = LearningOptions {
        epochs: args.attribution_epochs.unwrap_or(if polnear.is_empty() {
            EPOCHS_ON_TOP
        } else {
            EPOCHS_FROM_SCRATCH
        }),
        seed,
    };
    eprintln!(
        "quotecheck: attributions: tagging entities of {} articles",
        polnear.len() + reviewed.len() + valid.len()
    );
    let polnear = subset(prepare(polnear, tagger), args.polnear_share, seed);
    let reviewed = prepare(reviewed, tagger);
    let valid = prepare(valid, tagger);
    let model = if polnear.is_empty() {
        let start = match &args.attributions_from {
            Some(path) => AttributionModel::load(path).map_err(|e| vec![e.to_string()])?,
            None => AttributionModel::bundled().clone(),
        };
        eprintln!(
            "quotecheck: attributions: learning from {} reviewed articles on top of {}",
            reviewed.len(),
            args.attributions_from
                .as_ref()
                .map_or("the shipped model".to_owned(), |p| p.display().to_string())
        );
        learn(&reviewed, Some(&start), &options, |e| {
            epoch_done(e, &options)
        })
    } else {
        from_polnear(args, polnear, reviewed, &options)?
    };
    if !valid.is_empty() {
        let measured = measure(&model, &valid);
        write_predictions(args, &measured.predictions)?;
        print_report("held-out split", &measured.report, args.json);
        for bin in confidence_bins(&measured.samples) {
            if bin.quotes > 0 {
                eprintln!(
                    "quotecheck: confidence {:.1}–{:.1}: {} quotes, {} right ({:.3}), mean confidence {:.3}",
                    bin.from,
                    bin.to,
                    bin.quotes,
                    bin.right,
                    bin.right as f64 / bin.quotes as f64,
                    bin.mean_confidence
                );
            }
        }
        if args.json {
            println!(
                "{}",
                serde_json::json!({ "confidence_bins": confidence_bins(&measured.samples) })
            );
        }
    }
    model.save(output).map_err(|e| vec![e.to_string()])?;
    let [cues, content, source] = model.feature_counts();
    eprintln!(
        "quotecheck: {}: attribution model, {cues} cue, {content} content and {source} source features",
        output.display()
    );
    Ok(())
}

/// Learns from PolNeAR (and any reviewed articles) from scratch; with
/// --folds, cross-validates first and calibrates on the held-out quotes.
fn from_polnear(
    args: &AttributionArgs,
    polnear: Vec<Prepared>,
    reviewed: Vec<Prepared>,
    options: &LearningOptions,
) -> Result<AttributionModel, Vec<String>> {
    let mut samples = None;
    if let Some(folds) = args.folds {
        // A fold with no article would train on all and score on nothing.
        if folds < 2 || folds > polnear.len() {
            // After --polnear-share: fewer than the folder holds.
            return Err(vec![too_many_folds(folds, polnear.len())]);
        }
        let ControlFlow::Continue(cv) =
            cross_validate::<std::convert::Infallible>(&polnear, folds, options, |fold, report| {
                eprintln!(
                    "quotecheck: fold {}: all_f1 {:.3}, direct_f1 {:.3}, direct_source_acc {:.3}",
                    fold + 1,
                    report.all_f1,
                    report.direct_f1,
                    report.direct_source_acc
                );
                ControlFlow::Continue(())
            });
        print_report(
            &format!("cross-validation, {folds} folds"),
            &cv.report,
            args.json,
        );
        write_predictions(args, &cv.predictions)?;
        samples = Some(cv.samples);
    }
    let mut articles = polnear;
    articles.extend(reviewed);
    eprintln!(
        "quotecheck: attributions: learning from {} articles",
        articles.len()
    );
    let model = learn(&articles, None, options, |e| epoch_done(e, options));
    Ok(match samples {
        Some(samples) => calibrated(model, &samples),
        None => {
            eprintln!(
                "quotecheck: attributions: confidence left uncalibrated (calibrating needs --folds)"
            );
            model
        }
    })
}

/// Writes predicted annotation files to --predictions, if given.
fn write_predictions(args: &AttributionArgs, docs: &[Annotations]) -> Result<(), Vec<String>> {
    let Some(dir) = &args.predictions else {
        return Ok(());
    };
    for doc in docs {
        let stem = doc.document.name.trim_end_matches(".txt");
        save_annotations(&dir.join(format!("{stem}.json")), doc)
            .map_err(|e| vec![e.to_string()])?;
    }
    Ok(())
}

/// What would make training fail at its end, said before any model is
/// trained (the tagger's minutes included): a `--predictions` folder
/// holding files it must not write over, more `--folds` than articles.
pub fn ready_to_train(args: &AttributionArgs) -> Result<(), Vec<String>> {
    if let Some(dir) = &args.predictions {
        std::fs::create_dir_all(dir).map_err(|e| vec![format!("{}: {e}", dir.display())])?;
        predictions_folder_ready(dir)?;
    }
    if let (Some(folds), Some(split)) = (args.folds, &args.polnear) {
        // One `.ann` file an article (the corpus is read later, in full).
        let articles = std::fs::read_dir(split.join("attributions")).map_or(0, |entries| {
            (entries.filter_map(Result::ok))
                .filter(|e| e.path().extension().is_some_and(|x| x == "ann"))
                .count()
        });
        if folds < 2 || folds > articles {
            return Err(vec![too_many_folds(folds, articles)]);
        }
    }
    Ok(())
}

/// "--folds 5: … --polnear has 1 article".
fn too_many_folds(folds: usize, articles: usize) -> String {
    format!(
        "--folds {folds}: cross-validation needs at least 2 folds and an article in each; \
         --polnear has {articles} {}",
        if articles == 1 { "article" } else { "articles" }
    )
}

/// Whether the folder `--predictions` writes to holds nothing that must not
/// be replaced: as with `extract` without --force, earlier predictions are
/// replaced, but a reviewer's work, another tool's fields or a file that is
/// no annotation file never are. Said before training, not after it.
fn predictions_folder_ready(dir: &Path) -> Result<(), Vec<String>> {
    let in_the_way: Vec<String> = expand_inputs(&[dir.to_owned()], &["json"], &mut Vec::new())
        .into_iter()
        .filter(|path| {
            load_annotations(path)
                .map_or(true, |doc| doc.review_started() || doc.has_fields_of_other_tools())
        })
        .map(|path| {
            format!(
                "{}: --predictions would write over it (a reviewer's work, or no prediction of this command); give an empty folder",
                path.display()
            )
        })
        .collect();
    if in_the_way.is_empty() {
        Ok(())
    } else {
        Err(in_the_way)
    }
}

fn epoch_done(epoch: usize, options: &LearningOptions) {
    eprintln!(
        "quotecheck: attributions: epoch {epoch} of {} done",
        options.epochs
    );
}

fn print_report(what: &str, r: &Scores, json: bool) {
    eprintln!(
        "quotecheck: {what}: direct_f1 {:.3} (P {:.3}, R {:.3}), direct_source_acc {:.3}, all_f1 {:.3} (P {:.3}, R {:.3}), source_acc {:.3}, cue_acc {:.3}",
        r.direct_f1,
        r.direct_precision,
        r.direct_recall,
        r.direct_source_acc,
        r.all_f1,
        r.all_precision,
        r.all_recall,
        r.source_acc,
        r.cue_acc
    );
    if json {
        println!("{}", serde_json::json!({ "report": what, "scores": r }));
    }
}

/// The reviewed files as training articles; files whose review has not
/// started are skipped, and said so.
fn reviewed_articles(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<TrainingArticle> {
    let mut articles = Vec::new();
    for path in expand_inputs(paths, &["json"], errors) {
        match load_annotations(&path) {
            Ok(doc) => articles.extend(reviewed_article(&doc)),
            Err(e) => errors.push(e.to_string()),
        }
    }
    articles
}
