//! Tagging speed on real articles: tags every `.txt` file of a folder with
//! the bundled entity tagger, three times, and prints the text's bytes per
//! second of each pass. The criterion bench repeats one short article, whose
//! words the tagger soon finds scored already; articles of a few kB each do
//! not repeat theirs as often.
//!
//! `cargo run --release -p quotecheck-core --example tag_speed -- DIR`
//! (PolNeAR's article texts: https://github.com/networkdynamics/polnear).

use std::path::PathBuf;
use std::time::Instant;

use quotecheck_core::tagger::Tagger;

fn main() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: tag_speed DIR (a folder of .txt articles)")?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<Vec<String>, String>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let tagger = Tagger::bundled();
    for pass in 1..=3 {
        let start = Instant::now();
        let spans: usize = texts.iter().map(|t| tagger.tag(t).len()).sum();
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "pass {pass}: {} articles, {bytes} bytes, {spans} entities, {seconds:.3} s, {:.2} MB/s",
            texts.len(),
            bytes as f64 / seconds / 1e6
        );
    }
    Ok(())
}
