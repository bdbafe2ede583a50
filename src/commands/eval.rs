//! `quotecheck eval`: how far the automatic tags can be trusted.

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_SOME_FAILED, and_more};
use quotecheck_core::eval::{Scores, read_corpus, score};

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold folder: annotation files, brat (.ann beside .txt), or PolNeAR's
    /// attributions/ + text/ layout; or one such file. With --agreement, the
    /// first reviewer's.
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,
    /// Predicted folder (NAME.json per article), or one file to score
    /// against a gold file; with --agreement, the second reviewer's.
    #[arg(value_name = "PRED")]
    pub pred: PathBuf,
    /// Compare two reviewers of the same articles instead of gold and
    /// predictions.
    #[arg(long)]
    pub agreement: bool,
    /// End with one line of JSON holding every figure.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &EvalArgs) -> i32 {
    let (mut gold, mut pred) = match (read_corpus(&args.gold), read_corpus(&args.pred)) {
        (Ok(g), Ok(p)) => (g, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("quotecheck: {e}");
            return EXIT_SOME_FAILED;
        }
    };
    // Two files are two versions of one article, whatever their names
    // ("a.gold.json" against "a.json").
    if args.gold.is_file()
        && args.pred.is_file()
        && let (Some(name), Some((_, article))) = (gold.keys().next(), pred.pop_first())
    {
        pred.insert(name.clone(), article);
    }
    if gold.is_empty() {
        eprintln!(
            "quotecheck: {}: no annotation or brat files found",
            args.gold.display()
        );
        return EXIT_SOME_FAILED;
    }
    // Offsets into two different texts compare nothing: such an article is
    // left out, and named.
    let mut failed = false;
    let differing: Vec<String> = (gold.iter())
        .filter(|(name, g)| pred.get(*name).is_some_and(|p| p.text != g.text))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &differing {
        eprintln!(
            "quotecheck: {name}: not scored: {} and {} hold different texts of it",
            args.gold.display(),
            args.pred.display()
        );
        gold.remove(name);
        failed = true;
    }
    if gold.is_empty() {
        return EXIT_SOME_FAILED;
    }
    let missing: Vec<&String> = gold.keys().filter(|n| !pred.contains_key(*n)).collect();
    if !missing.is_empty() && missing.len() == gold.len() {
        eprintln!(
            "quotecheck: {}: no article of {} is in it (annotation files are paired by name)",
            args.pred.display(),
            args.gold.display()
        );
        return EXIT_SOME_FAILED;
    }
    if args.agreement && !missing.is_empty() {
        // Agreement is measured where both reviewed, as `adjudicate` does.
        let missing: Vec<String> = missing.into_iter().cloned().collect();
        eprintln!(
            "quotecheck: left out of the agreement, reviewed in {} only: {}",
            args.gold.display(),
            missing.join(", ")
        );
        for name in &missing {
            gold.remove(name);
        }
    } else if !missing.is_empty() {
        // The reference scorer counts them as finding nothing; say so.
        let shown: Vec<&str> = missing.iter().take(5).map(|n| n.as_str()).collect();
        let more = and_more(missing.len(), shown.len());
        eprintln!(
            "quotecheck: {} of {} articles have nothing in {}, scored as finding nothing: {}{more}",
            missing.len(),
            gold.len(),
            args.pred.display(),
            shown.join(", ")
        );
    }
    let report = score(&gold, &pred);
    if args.agreement {
        print_agreement(&report);
    } else {
        print_report(&report);
    }
    if args.json {
        match serde_json::to_string(&report) {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("quotecheck: {e}");
                return EXIT_SOME_FAILED;
            }
        }
    }
    if failed { EXIT_SOME_FAILED } else { EXIT_OK }
}

fn print_report(r: &Scores) {
    println!(
        "articles {}: gold quotes {} ({} direct), predicted {} ({} direct)",
        r.articles, r.gold_all, r.gold_direct, r.pred_all, r.pred_direct
    );
    println!("{:<22} {:>9} {:>9} {:>9}", "", "precision", "recall", "F1");
    println!(
        "{:<22} {:>9.3} {:>9.3} {:>9.3}",
        "direct quotes", r.direct_precision, r.direct_recall, r.direct_f1
    );
    println!(
        "{:<22} {:>9.3} {:>9.3} {:>9.3}",
        "all quotes", r.all_precision, r.all_recall, r.all_f1
    );
    if let (Some(p), Some(rc), Some(f)) = (r.entity_precision, r.entity_recall, r.entity_f1) {
        println!(
            "{:<22} {:>9.3} {:>9.3} {:>9.3}",
            "entity mentions", p, rc, f
        );
    }
    println!("source of direct quotes right   {:.3}", r.direct_source_acc);
    println!("source of all quotes right      {:.3}", r.source_acc);
    if let Some(s) = r.speaker_acc {
        println!("speaker right                   {s:.3}");
    }
    println!("cue right                       {:.3}", r.cue_acc);
    println!(
        "direct content exact            {:.3}",
        r.direct_content_exact
    );
    println!(
        "direct found and attributed     {:.3}",
        r.direct_attributed_recall
    );
}

/// Between two reviewers F1 is symmetric: it is the agreement.
pub(crate) fn print_agreement(r: &Scores) {
    println!(
        "articles {}: reviewer A {} quotes, reviewer B {}",
        r.articles, r.gold_all, r.pred_all
    );
    println!("quotes marked by both (F1)      {:.3}", r.all_f1);
    println!("same source, where both marked  {:.3}", r.source_acc);
    if let Some(s) = r.speaker_acc {
        println!("same speaker, where both marked {s:.3}");
    }
    if let Some(k) = r.kind_acc {
        let kappa = r
            .kind_kappa
            .map_or_else(|| "undefined".to_owned(), |k| format!("{k:.3}"));
        println!("same kind, where both marked    {k:.3} (Cohen's kappa {kappa})");
    }
    if let Some(f) = r.entity_f1 {
        println!("entity mentions (F1)            {f:.3}");
    }
}
