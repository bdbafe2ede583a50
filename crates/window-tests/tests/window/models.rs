//! The window extracts with the models it is given: a newsroom's retrained
//! attribution model finds in the window what it finds with `extract`.

use quotecheck::app::{App, Settings};
use quotecheck_core::extract::Models;
use quotecheck_core::extract::attribution::AttributionModel;
use quotecheck_core::extract::attribution::training::{
    LearningOptions, prepare, reviewed_article, train,
};
use quotecheck_core::format::load_annotations;

use super::{doc, window_with};

const REVIEWED: &str = "../core/tests/fixtures/reviewed-cue";

#[test]
fn an_article_opened_in_the_window_is_read_with_the_retrained_model() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("library.txt");
    std::fs::write(
        &article,
        "The city council debated the library plan on Monday. \
         Librarian Eva Stone kvetched the reading room would lose its windows.\n",
    )
    .unwrap();
    let kvetched = |app: App| {
        let harness = window_with(app);
        doc(&harness)
            .quotes
            .iter()
            .any(|q| q.cue.as_ref().is_some_and(|c| c.text == "kvetched"))
    };
    let bundled = App::new(vec![article.clone()], Settings::default(), None);
    assert!(
        !kvetched(bundled),
        "the shipped model knows the cue already"
    );

    let mut paths: Vec<_> = std::fs::read_dir(REVIEWED)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let articles = paths
        .iter()
        .map(|p| load_annotations(p).unwrap())
        .filter_map(|a| reviewed_article(&a))
        .collect();
    let tagger = Models::bundled().tagger;
    let options = LearningOptions {
        epochs: 5,
        ..LearningOptions::default()
    };
    let bundled_model = Some(AttributionModel::bundled());
    let retrained = train(&prepare(articles, tagger), bundled_model, &options, |_| {});
    let models = Models {
        tagger,
        attributions: Box::leak(Box::new(retrained)),
    };
    let app = App::new(vec![article], Settings::default(), None).with_models(models);
    assert!(kvetched(app), "the window did not use the retrained model");
}
