//! `quotecheck adjudicate`: two reviewers' files (or folders) of the same
//! articles, checked before any window opens, then settled in the window.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::eval::print_agreement;
use super::{EXIT_OK, EXIT_SOME_FAILED, output_folder};
use quotecheck_core::compare::{Comparison, PairQueue, Side, pair_folders};
use quotecheck_core::eval::agreement;

#[derive(Debug, clap::Args)]
pub struct AdjudicateArgs {
    /// The first reviewer's annotation file, or folder of them.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The second reviewer's file of the same article, or folder.
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Where Save writes the adjudicated file (for two folders: the folder
    /// the adjudicated files go to, required but with --list). Without it,
    /// Save asks.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Print the differences and the agreement figures instead of opening
    /// the window.
    #[arg(long)]
    pub list: bool,
}

/// What the window opens on: two files, or two folders as a queue.
#[derive(Debug)]
pub enum Adjudication {
    Files {
        comparison: Box<Comparison>,
        output: Option<PathBuf>,
    },
    Folders(Box<PairQueue>),
}

pub fn run(args: &AdjudicateArgs) -> i32 {
    let adjudication = match prepare(args) {
        Ok(adjudication) => adjudication,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return EXIT_SOME_FAILED;
        }
    };
    if args.list {
        print(&adjudication);
        // As `eval --agreement`: a pair that could not be compared is a
        // failure a script must hear of; a file one reviewer has not
        // done yet is not.
        return match &adjudication {
            Adjudication::Folders(queue) if queue.failed > 0 => EXIT_SOME_FAILED,
            _ => EXIT_OK,
        };
    }
    open_window(adjudication)
}

/// Reads and compares everything the window needs, so that a wrong
/// argument is said here rather than in a window.
fn prepare(args: &AdjudicateArgs) -> Result<Adjudication, String> {
    match (args.a.is_dir(), args.b.is_dir()) {
        (false, false) => {
            let comparison = Comparison::load(&args.a, &args.b).map_err(|e| e.to_string())?;
            // The folder the result goes to is made now, as `extract -o`
            // makes its folder: not found out at the first save.
            if let Some(folder) = (args.output.as_deref())
                .and_then(Path::parent)
                .filter(|f| !f.as_os_str().is_empty())
                && !args.list
            {
                output_folder(folder)?;
            }
            Ok(Adjudication::Files {
                comparison: Box::new(comparison),
                output: args.output.clone(),
            })
        }
        (true, true) => {
            // The window saves there; a list needs none.
            let out = args.output.as_deref();
            match out {
                None if !args.list => {
                    return Err(
                        "two folders need -o OUT_DIR, the folder the adjudicated files go to (or --list)"
                            .into(),
                    );
                }
                Some(out) if !args.list => output_folder(out)?,
                _ => {}
            }
            let queue =
                match pair_folders(
                    &args.a,
                    &args.b,
                    out,
                    |_, _| ControlFlow::<()>::Continue(()),
                ) {
                    ControlFlow::Continue(queue) => queue.map_err(|e| e.to_string())?,
                    ControlFlow::Break(()) => return Err("stopped".into()),
                };
            for reason in &queue.left_out {
                eprintln!("quotecheck: left out: {reason}");
            }
            if queue.items.is_empty() {
                return Err(format!(
                    "{} and {} have no article in common (an annotation file of the same name and text in both)",
                    args.a.display(),
                    args.b.display()
                ));
            }
            Ok(Adjudication::Folders(Box::new(queue)))
        }
        _ => Err(format!(
            "{} and {}: give two annotation files or two folders",
            args.a.display(),
            args.b.display()
        )),
    }
}

fn print(adjudication: &Adjudication) {
    match adjudication {
        Adjudication::Files { comparison, .. } => {
            let cmp = comparison.as_ref();
            println!(
                "A: {} ({}), B: {} ({}): {}",
                cmp.name(Side::A),
                cmp.reviewer(Side::A),
                cmp.name(Side::B),
                cmp.reviewer(Side::B),
                differences(cmp.differences().len())
            );
            for d in cmp.differences() {
                println!(
                    "{:<18} A: {}  |  B: {}",
                    d.key(),
                    cmp.describe(d, Side::A),
                    cmp.describe(d, Side::B)
                );
            }
            print_agreement(&agreement(cmp.a(), cmp.b()));
        }
        Adjudication::Folders(queue) => {
            for item in &queue.items {
                let n = item.differences;
                let noun = if n == 1 { "difference " } else { "differences" };
                println!("{n:>4} {noun}  {}", item.name);
            }
            print_agreement(&queue.agreement);
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(adjudication: Adjudication) -> i32 {
    match crate::app::run_adjudication(adjudication) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("quotecheck: cannot open the window: {e}");
            EXIT_SOME_FAILED
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_adjudication: Adjudication) -> i32 {
    eprintln!(
        "quotecheck: this build has no window (built without the `gui` feature); --list prints the differences"
    );
    2
}

/// "1 difference", "13 differences".
fn differences(n: usize) -> String {
    format!("{n} {}", if n == 1 { "difference" } else { "differences" })
}
