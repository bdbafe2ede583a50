//! The article quotecheck ships to be tried on: the window opens it when
//! given no files, and tests and benchmarks use it.

/// The sample article's file name.
pub const NAME: &str = "blinken-lavrov.txt";
/// The sample article's text, built in so that it works from any folder.
pub const TEXT: &str = include_str!("../assets/sample/blinken-lavrov.txt");
