//! The `quotecheck` command: parses the command line, then runs a subcommand
//! or opens the review window.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use quotecheck::commands;

// Extraction allocates and frees many small vectors per article on every
// core; mimalloc's per-thread heaps do that faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "quotecheck",
    version,
    about = "Tag who said what in news articles, review it fast, save it as JSON.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Articles (.txt) and annotation files (.json) to open in the review
    /// window, or a folder of articles to review one after another; none
    /// opens the bundled sample article.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract quotes, speakers and entities from articles into annotation files.
    Extract(commands::extract::ExtractArgs),
    /// Validate annotation files and print every problem; exit 0 only when all are valid.
    Check(commands::check::CheckArgs),
    /// Convert annotations to brat, Citron, spaCy/Prodigy JSON Lines, CoNLL or annotation files.
    Convert(commands::convert::ConvertArgs),
    /// Score annotation files against a gold standard (or two reviewers against each other).
    Eval(commands::eval::EvalArgs),
    /// Train the entity tagger on CoNLL files and reviewed annotation files.
    Train(commands::train::TrainArgs),
    /// Learn the entity tagger's word classes from unlabelled text.
    Clusters(commands::clusters::ClustersArgs),
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Extract(args)) => commands::extract::run(&args),
        Some(Command::Check(args)) => commands::check::run(&args),
        Some(Command::Convert(args)) => commands::convert::run(&args),
        Some(Command::Eval(args)) => commands::eval::run(&args),
        Some(Command::Train(args)) => commands::train::run(&args),
        Some(Command::Clusters(args)) => commands::clusters::run(&args),
        None => open_window(cli.files),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_window(files: Vec<PathBuf>) -> i32 {
    match quotecheck::app::run(files) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("quotecheck: cannot open the window: {e}");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<PathBuf>) -> i32 {
    eprintln!(
        "quotecheck: this build has no window (built without the `gui` feature); use a subcommand, see --help"
    );
    2
}
