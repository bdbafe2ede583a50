//! The `quotecheck` command: parses the command line, then runs a subcommand
//! or opens the review window.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use quotecheck::commands;

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
    /// window; none opens the bundled sample article.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract quotes, speakers and entities from articles into annotation files.
    Extract(commands::extract::ExtractArgs),
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Extract(args)) => commands::extract::run(&args),
        None => match quotecheck::app::run(cli.files) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("quotecheck: cannot open the window: {e}");
                1
            }
        },
    };
    std::process::exit(code);
}
