//! Nothing but a home: this crate holds the review window's tests
//! (`tests/window`) and its frame benchmark (`benches/frame.rs`), so that
//! `quotecheck` itself has no GUI test dependency.
