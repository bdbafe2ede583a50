//! Progress of a batch: a bar on a terminal, plain lines when stderr goes to
//! a pipe or a log, so both people and scripts can follow it.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    /// Print a line per step when there is no bar (batches of files); off
    /// for fine-grained steps whose own summaries are the plain lines.
    step_lines: bool,
    done: AtomicU64,
    len: u64,
    what: &'static str,
}

impl Progress {
    /// Progress over `len` steps, each one `what` ("extracted"), with a
    /// plain line per step when stderr is not a terminal.
    pub fn new(len: u64, what: &'static str) -> Progress {
        Progress::with_lines(len, what, true)
    }

    /// A bar on a terminal and nothing otherwise, for many small steps.
    pub fn bar_only(len: u64, what: &'static str) -> Progress {
        Progress::with_lines(len, what, false)
    }

    fn with_lines(len: u64, what: &'static str, step_lines: bool) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(what);
            bar
        });
        Progress {
            bar,
            step_lines,
            done: AtomicU64::new(0),
            len,
            what,
        }
    }

    /// One step done, on `item` (a file name); safe from many threads.
    pub fn step(&self, item: &str) {
        self.step_line(|done, len| format!("{} {done}/{len} {item}", self.what));
    }

    /// One step over, on `item`, without the work being done, for the
    /// reason `outcome` ("not extracted (see below)"): its line must not say
    /// it was.
    pub fn step_undone(&self, item: &str, outcome: &str) {
        self.step_line(|done, len| format!("{done}/{len} {item}: {outcome}"));
    }

    fn step_line(&self, line: impl FnOnce(u64, u64) -> String) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None if self.step_lines => eprintln!("{}", line(done, self.len)),
            None => {}
        }
    }

    /// Prints `line` on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
