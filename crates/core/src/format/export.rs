//! Writing annotations in the formats other tools read, shared by
//! `quotecheck convert` and the window's File → Export….

use std::path::{Path, PathBuf};

use super::{FileError, write_atomically};
use crate::model::Annotations;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Annotation file, version 1 (NAME.json).
    Quotecheck,
    /// brat standoff (NAME.ann and NAME.txt).
    Brat,
    /// Citron JSON (NAME.json).
    Citron,
    /// spaCy / Prodigy JSON Lines, one article per line.
    Jsonl,
    /// CoNLL-style IOB for entity training.
    Conll,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Quotecheck,
        Target::Brat,
        Target::Citron,
        Target::Jsonl,
        Target::Conll,
    ];

    /// The format's name on the command line (`--to brat`).
    pub fn name(self) -> &'static str {
        match self {
            Target::Quotecheck => "quotecheck",
            Target::Brat => "brat",
            Target::Citron => "citron",
            Target::Jsonl => "jsonl",
            Target::Conll => "conll",
        }
    }

    /// The extension of the file written (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Target::Quotecheck | Target::Citron => "json",
            Target::Brat => "ann",
            Target::Jsonl => "jsonl",
            Target::Conll => "conll",
        }
    }

    /// How the format is named to a person.
    pub fn label(self) -> &'static str {
        match self {
            Target::Quotecheck => "Annotation file (JSON)",
            Target::Brat => "brat standoff (.ann + .txt)",
            Target::Citron => "Citron JSON",
            Target::Jsonl => "spaCy / Prodigy JSON Lines",
            Target::Conll => "CoNLL IOB",
        }
    }

    /// The bytes of `doc` in this format; for brat, the `.ann` (its text
    /// goes beside it). JSON Lines and CoNLL records can be concatenated.
    pub fn render(self, doc: &Annotations) -> Result<Vec<u8>, serde_json::Error> {
        Ok(match self {
            Target::Quotecheck => super::to_json(doc)?,
            Target::Citron => {
                let mut bytes = serde_json::to_vec_pretty(&super::citron::to_citron(doc)?)?;
                bytes.push(b'\n');
                bytes
            }
            Target::Brat => super::brat::to_standoff(doc).into_bytes(),
            Target::Jsonl => {
                let mut line = super::jsonl::to_jsonl_record(doc).to_string();
                line.push('\n');
                line.into_bytes()
            }
            Target::Conll => super::conll::to_conll(doc).into_bytes(),
        })
    }

    /// What of `doc` this format cannot hold, each for a person to read: in
    /// CoNLL a name an overlapping one cuts (its quotes, which no entity
    /// format holds, go unsaid), in Citron every entity that speaks no kept
    /// quote and every rejected quote. Empty for the others.
    pub fn left_out(self, doc: &Annotations) -> Vec<String> {
        match self {
            Target::Conll => super::conll::left_out(doc),
            Target::Citron => super::citron::left_out(doc),
            _ => Vec::new(),
        }
    }
}

/// Writes `doc` to `path` in `target`'s format; brat also writes the article
/// text beside it (`NAME.txt`), which brat needs. Returns the files written.
pub fn export(doc: &Annotations, target: Target, path: &Path) -> Result<Vec<PathBuf>, FileError> {
    let bytes = target
        .render(doc)
        .map_err(|e| FileError::serialize(path, e))?;
    write_rendered(doc, target, path, &bytes)
}

/// [`export`] of `bytes`, what [`Target::render`] gave for `doc`, for a
/// caller that looked at them first (`convert` compares them with the file
/// already there).
pub fn write_rendered(
    doc: &Annotations,
    target: Target,
    path: &Path,
    bytes: &[u8],
) -> Result<Vec<PathBuf>, FileError> {
    let mut written = Vec::new();
    if target == Target::Brat {
        let text_path = path.with_extension("txt");
        write_text_beside(doc, &text_path)?;
        written.push(text_path);
    }
    write_atomically(path, bytes)?;
    written.push(path.to_owned());
    Ok(written)
}

/// Writes the article text for brat; an article already there is kept when
/// it holds the same text and never replaced when it holds another, since it
/// may be the person's original.
pub fn write_text_beside(doc: &Annotations, path: &Path) -> Result<(), FileError> {
    // The article `extract` read may be the same text in UTF-16, with a
    // byte-order mark or in windows-1252; brat reads UTF-8 without a mark
    // only, and the article is never replaced, so that is said as such.
    let same_text_encoded_otherwise =
        |bytes: &[u8]| super::decode_article(bytes).is_ok_and(|article| article.text == doc.text());
    match std::fs::read(path) {
        Ok(existing) if existing == doc.text().as_bytes() => Ok(()),
        Ok(existing) if same_text_encoded_otherwise(&existing) => Err(FileError::Invalid {
            path: path.to_owned(),
            problems: vec![
                "the article is there in another encoding than UTF-8 (or with a byte-order mark); brat reads plain UTF-8 only, and the article is never replaced, so export to another folder"
                    .to_owned(),
            ],
        }),
        Ok(_) => Err(FileError::Invalid {
            path: path.to_owned(),
            problems: vec![
                "a different article is already there; brat needs the annotated text beside the .ann, so choose another name or folder"
                    .to_owned(),
            ],
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_atomically(path, doc.text().as_bytes())
        }
        Err(e) => Err(FileError::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Annotations {
        crate::extract::extract("a.txt", "“We will win,” Jane Doe said.\n")
    }

    #[test]
    fn brat_export_writes_the_text_beside_and_keeps_a_different_article() {
        let dir = tempfile::tempdir().unwrap();
        let ann = dir.path().join("a.ann");
        let written = export(&doc(), Target::Brat, &ann).unwrap();
        assert_eq!(written, [dir.path().join("a.txt"), ann.clone()]);
        let back = super::super::load_any(&ann).unwrap();
        assert_eq!(back.quotes.len(), 1);
        // Exporting again over the same text is fine.
        export(&doc(), Target::Brat, &ann).unwrap();

        let other = dir.path().join("b.txt");
        std::fs::write(&other, "Someone's own article.").unwrap();
        let err = export(&doc(), Target::Brat, &dir.path().join("b.ann")).unwrap_err();
        assert!(err.to_string().contains("b.txt"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&other).unwrap(),
            "Someone's own article."
        );
        assert!(!dir.path().join("b.ann").exists());

        // The same article in UTF-16 is named as such, not as another one.
        let utf16 = dir.path().join("c.txt");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(doc().text().encode_utf16().flat_map(u16::to_le_bytes));
        std::fs::write(&utf16, &bytes).unwrap();
        let err = export(&doc(), Target::Brat, &dir.path().join("c.ann")).unwrap_err();
        assert!(err.to_string().contains("another encoding"), "{err}");
        assert_eq!(std::fs::read(&utf16).unwrap(), bytes);
    }
}
