//! The models to extract with, for `extract` and for the window: the bundled
//! ones, or those `quotecheck train` made.

use std::path::PathBuf;

use quotecheck_core::extract::Models;
use quotecheck_core::extract::attribution::AttributionModel;
use quotecheck_core::tagger::Tagger;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ModelArgs {
    /// An entity tagger model made by `quotecheck train` to use instead of
    /// the bundled one; the attribution model trained with it
    /// (MODEL with the extension `.attributions`) is used too when it lies
    /// beside it.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
    /// An attribution model made by `quotecheck train` to use instead of
    /// the bundled one (or of the one beside --model).
    #[arg(long, value_name = "FILE")]
    pub attributions: Option<PathBuf>,
}

impl ModelArgs {
    /// Loads the models the arguments name (the bundled ones for those they
    /// do not), or says which file is wrong and why.
    pub fn load(&self) -> Result<Models<'static>, String> {
        // A bundled model is read only when no file stands in for it: each
        // costs tens of milliseconds to load.
        let tagger = match &self.model {
            None => Tagger::bundled(),
            // Models are loaded once and used until the program ends, by
            // every extraction thread: leaking them gives them that lifetime
            // without reference counts in every caller.
            Some(path) => Box::leak(Box::new(Tagger::load(path).map_err(|e| e.to_string())?)),
        };
        let beside_tagger = self
            .model
            .as_ref()
            .map(|m| m.with_extension("attributions"))
            .filter(|p| p.is_file());
        let attributions = match self.attributions.as_ref().or(beside_tagger.as_ref()) {
            None => AttributionModel::bundled(),
            Some(path) => {
                let model = AttributionModel::load(path).map_err(|e| e.to_string())?;
                if self.attributions.is_none() {
                    eprintln!(
                        "quotecheck: using the attribution model {} beside the tagger model",
                        path.display()
                    );
                }
                Box::leak(Box::new(model))
            }
        };
        Ok(Models {
            tagger,
            attributions,
        })
    }
}
