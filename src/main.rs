//! The `quotecheck` command: parses the command line, then runs a subcommand
//! or opens the review window.

use std::path::PathBuf;

use clap::Parser;
use quotecheck::commands;
use quotecheck_core::extract::Models;

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
    command: Option<Subcommand>,
    /// Articles (.txt) and annotation files (.json) to open in the review
    /// window, or a folder of articles to review one after another; none
    /// opens the bundled sample article.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The models the window extracts articles with.
    #[command(flatten)]
    models: commands::models::ModelArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Subcommand {
    /// Extract quotes, speakers and entities from articles into annotation files.
    Extract(commands::extract::ExtractArgs),
    /// Validate annotation files and print every problem; exit 0 only when all are valid.
    Check(commands::check::CheckArgs),
    /// Convert annotations to brat, Citron, spaCy/Prodigy JSON Lines, CoNLL or annotation files.
    Convert(commands::convert::ConvertArgs),
    /// Score annotation files against a gold standard (or two reviewers against each other).
    Eval(commands::eval::EvalArgs),
    /// Train the entity tagger (CoNLL files, reviewed annotation files) and
    /// the attribution model (PolNeAR, reviewed annotation files).
    // Boxed: its arguments are most of the enum's size.
    Train(Box<commands::train::TrainArgs>),
    /// Build or update the registry of a folder's people and organisations.
    Registry(commands::registry::RegistryArgs),
    /// Who is quoted across folders of annotation files: text, HTML and CSV.
    Report(commands::report::ReportArgs),
    /// Learn the entity tagger's word classes from unlabelled text.
    Clusters(commands::clusters::ClustersArgs),
    /// Settle two reviewers' differences (two files or two folders) in the window.
    Adjudicate(commands::adjudicate::AdjudicateArgs),
}

fn main() {
    let cli = Cli::parse();
    // The window's libraries talk over sockets and expect a failed write,
    // not the signal: only what writes to pipes takes it, which is every
    // subcommand but `adjudicate` opening its window.
    let opens_window = match &cli.command {
        None => true,
        Some(Subcommand::Adjudicate(args)) => !args.list,
        Some(_) => false,
    };
    if !opens_window {
        quit_quietly_on_closed_pipe();
    }
    let code = match cli.command {
        Some(Subcommand::Extract(args)) => commands::extract::run(&args),
        Some(Subcommand::Check(args)) => commands::check::run(&args),
        Some(Subcommand::Convert(args)) => commands::convert::run(&args),
        Some(Subcommand::Eval(args)) => commands::eval::run(&args),
        Some(Subcommand::Train(args)) => commands::train::run(&args),
        Some(Subcommand::Registry(args)) => commands::registry::run(&args),
        Some(Subcommand::Report(args)) => commands::report::run(&args),
        Some(Subcommand::Clusters(args)) => commands::clusters::run(&args),
        Some(Subcommand::Adjudicate(args)) => commands::adjudicate::run(&args),
        // A model that does not load, or a file that is not there, is said
        // before any window opens.
        None => match (cli.models.load(), cli.files.iter().find(|f| !f.exists())) {
            (Err(e), _) => {
                eprintln!("quotecheck: {e}");
                1
            }
            (Ok(_), Some(missing)) => {
                eprintln!("quotecheck: {}: no such file or folder", missing.display());
                1
            }
            (Ok(models), None) => open_window(cli.files, models),
        },
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_window(files: Vec<PathBuf>, models: Models<'static>) -> i32 {
    match quotecheck::app::run(files, models) {
        Ok(()) => 0,
        Err(e) => {
            // Without a display winit's error names its own source file, which
            // tells a user nothing.
            let no_display = ["DISPLAY", "WAYLAND_DISPLAY"]
                .iter()
                .all(|v| std::env::var_os(v).is_none_or(|d| d.is_empty()));
            if cfg!(target_os = "linux") && no_display {
                eprintln!(
                    "quotecheck: cannot open the window: no display (neither DISPLAY nor \
                     WAYLAND_DISPLAY is set); the subcommands need none, see --help"
                );
            } else {
                eprintln!("quotecheck: cannot open the window: {e}");
            }
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_files: Vec<PathBuf>, _models: Models<'static>) -> i32 {
    eprintln!(
        "quotecheck: this build has no window (built without the `gui` feature); use a subcommand, see --help"
    );
    2
}

/// `quotecheck report … | head` closes the pipe early: the program then
/// ends quietly, as Unix tools do, where Rust's default turns the failed
/// write into a panic with a backtrace hint.
fn quit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called at the start of main, before any other thread exists;
    // restoring the default action of SIGPIPE touches no Rust state.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
