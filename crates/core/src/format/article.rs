//! Articles: plain text in whatever encoding people have.

use std::path::Path;

use super::FileError;

/// An article's text as read, and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub text: String,
    /// Set when the bytes were not UTF-8 and were decoded from a legacy or
    /// UTF-16 encoding; the window and the command line say so.
    pub encoding_notice: Option<String>,
}

/// Reads the article at `path`. See [`decode_article`].
pub fn read_article(path: &Path) -> Result<Article, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::io(path, e))?;
    decode_article(&bytes).map_err(|message| FileError::NotText {
        path: path.to_owned(),
        message,
    })
}

/// Decodes an article's bytes. UTF-8 (a byte-order mark dropped) and UTF-16
/// with a byte-order mark are read as they are; other bytes that are text are
/// read as Windows-1252 with a notice; binary data is refused. Line endings
/// are kept exactly, since offsets count them.
pub fn decode_article(bytes: &[u8]) -> Result<Article, String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "starts with a {} byte-order mark but is not valid {}",
                encoding.name(),
                encoding.name()
            ));
        }
        let encoding_notice =
            (encoding != encoding_rs::UTF_8).then(|| format!("decoded from {}", encoding.name()));
        return Ok(Article {
            text: text.into_owned(),
            encoding_notice,
        });
    }
    if looks_binary(bytes) {
        return Err("is not a text file (it holds binary data)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Article {
            text: text.to_owned(),
            encoding_notice: None,
        }),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Article {
                text: text.into_owned(),
                encoding_notice: Some(
                    "not UTF-8: decoded as windows-1252 (Western European); check accented letters"
                        .into(),
                ),
            })
        }
    }
}

/// A NUL byte, or many control characters, mean the bytes are not text
/// (a PDF or a word-processor file renamed `.txt`).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 20 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_utf8_bom_and_keeps_line_endings() {
        let a = decode_article(b"\xEF\xBB\xBFone\r\ntwo\rthree").unwrap();
        assert_eq!(a.text, "one\r\ntwo\rthree");
        assert_eq!(a.encoding_notice, None);
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("“Hi”".encode_utf16().flat_map(u16::to_le_bytes));
        let a = decode_article(&le).unwrap();
        assert_eq!(a.text, "“Hi”");
        assert!(a.encoding_notice.unwrap().contains("UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("é".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_article(&be).unwrap().text, "é");
    }

    #[test]
    fn legacy_text_is_decoded_with_a_notice() {
        // “café” in Windows-1252.
        let a = decode_article(b"\x93caf\xe9\x94").unwrap();
        assert_eq!(a.text, "“café”");
        assert!(a.encoding_notice.unwrap().contains("windows-1252"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode_article(b"%PDF-1.7\n\x00\x01\x02stream").is_err());
    }

    #[test]
    fn empty_is_an_empty_article() {
        assert_eq!(decode_article(b"").unwrap().text, "");
    }
}
