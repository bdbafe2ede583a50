//! `quotecheck registry`: builds or updates the registry of a folder's
//! people and organisations from its annotation files.

use std::path::PathBuf;

use super::report::{load_facts, registry_path};
use super::{EXIT_OK, EXIT_SOME_FAILED};
use quotecheck_core::registry::Registry;

#[derive(Debug, clap::Args)]
pub struct RegistryArgs {
    /// Folders of annotation files (.json), or single files (then name the
    /// registry with --registry).
    #[arg(required = true, value_name = "DIR")]
    pub inputs: Vec<PathBuf>,
    /// The registry file to update; by default quotecheck-registry.json in
    /// the first folder (created when missing).
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// Say what would change without writing the registry.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &RegistryArgs) -> i32 {
    let mut errors = Vec::new();
    let facts = load_facts(&args.inputs, &mut errors);
    for e in &errors {
        eprintln!("quotecheck: {e}");
    }
    if facts.is_empty() {
        // A registry made of nothing would only hide the mistake.
        eprintln!("quotecheck: no annotation file was read; no registry written");
        return EXIT_SOME_FAILED;
    }
    let Some(path) = registry_path(&args.inputs, args.registry.as_deref()) else {
        eprintln!("quotecheck: give a folder, or the registry file with --registry");
        return EXIT_SOME_FAILED;
    };
    let mut registry = match Registry::load_or_new(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return EXIT_SOME_FAILED;
        }
    };
    let absorbed = registry.absorb(&facts);
    println!(
        "{}: {} entries ({} new), {} aliases added, {} attributes taken from reviewed files, from {} annotation files",
        path.display(),
        registry.entries().len(),
        absorbed.added.len(),
        absorbed.aliases_added,
        absorbed.attributes_taken,
        facts.len()
    );
    for id in &absorbed.added {
        if let Some(entry) = registry.entries().iter().find(|e| &e.id == id) {
            println!("added {id}: {} ({})", entry.name, entry.label);
        }
    }
    for a in &absorbed.ambiguous {
        println!(
            "{}: {:?} could be {}; left unlinked (link it in the window)",
            a.file,
            a.name,
            a.candidates.join(" or ")
        );
    }
    for c in &absorbed.conflicts {
        let said: Vec<String> = c
            .values
            .iter()
            .map(|(v, f)| format!("{v:?} in {f}"))
            .collect();
        println!(
            "{}: reviewers disagree on {}: registry {}, {}",
            c.entry,
            c.key,
            c.kept
                .as_deref()
                .map_or("has none".to_owned(), |k| format!("keeps {k:?}")),
            said.join(", ")
        );
    }
    if args.dry_run {
        println!("dry run: {} not written", path.display());
    } else if let Err(e) = registry.save(&path) {
        eprintln!("quotecheck: {e}");
        return EXIT_SOME_FAILED;
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}
