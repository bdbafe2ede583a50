//! The model file: what is saved is what is loaded, a damaged file is an
//! error and not a crash, and the bundled model finds the sample's names.

use std::path::Path;

use quotecheck_core::tagger::conll::read_conll;
use quotecheck_core::tagger::perceptron::{TrainOptions, train};
use quotecheck_core::tagger::{Model, ModelError, Tagger};

fn small_model() -> Model {
    let docs = read_conll(Path::new("tests/fixtures/tagger-small.conll")).unwrap();
    let options = TrainOptions {
        epochs: 3,
        seed: 1,
        max_features: 100_000,
        ..TrainOptions::default()
    };
    train(&docs, &[], &options, |_| {})
}

#[test]
fn a_saved_model_loads_equal() {
    let model = small_model();
    assert!(model.feature_count() > 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.model");
    model.save(&path).unwrap();
    assert_eq!(Model::load(&path).unwrap(), model);
}

#[test]
fn a_damaged_model_file_is_an_error() {
    let bytes = small_model().to_bytes();

    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    assert!(matches!(
        Model::from_bytes(&flipped),
        Err(ModelError::Checksum)
    ));

    let cut = &bytes[..bytes.len() - 100];
    assert!(matches!(
        Model::from_bytes(cut),
        Err(ModelError::Length { .. })
    ));

    assert!(matches!(
        Model::from_bytes(b"{\"format\": 1}"),
        Err(ModelError::NotAModel)
    ));
    assert!(matches!(Model::from_bytes(&[]), Err(ModelError::NotAModel)));
    // Cut within its header, it said it did not start as a model does.
    assert!(matches!(
        Model::from_bytes(&bytes[..20]),
        Err(ModelError::CutShort)
    ));

    let mut newer = bytes.clone();
    newer[8] = 99;
    let error = Model::from_bytes(&newer).unwrap_err();
    assert!(matches!(error, ModelError::FileVersion(99)));
    assert!(error.to_string().contains("update quotecheck"));
}

#[test]
fn a_missing_model_file_names_its_path() {
    let error = Tagger::load(Path::new("no/such/file.model")).unwrap_err();
    assert!(error.to_string().contains("no/such/file.model"), "{error}");
}

#[test]
fn the_bundled_model_finds_the_sample_articles_names() {
    let text = std::fs::read_to_string("assets/sample/blinken-lavrov.txt").unwrap();
    let found: Vec<(&str, &str)> = Tagger::bundled()
        .tag(&text)
        .iter()
        .map(|s| (&text[s.start..s.end], s.label.as_str()))
        .collect();
    for expected in [
        ("Antony Blinken", "PERSON"),
        ("Sergey Lavrov", "PERSON"),
        ("Vladimir Putin", "PERSON"),
        ("Kuleba", "PERSON"),
        ("Ukraine", "LOC"),
        ("Moscow", "LOC"),
        ("Russian", "MISC"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
}
