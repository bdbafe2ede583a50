//! Annotation files: parse, check every promise of the contract, save.

use std::collections::HashSet;
use std::path::Path;

use super::{FileError, write_atomically};
use crate::model::{
    Annotations, FORMAT_NAME, FORMAT_VERSION, Span, TextIndex, attribute_problems, sha256_hex,
};

/// Reads and validates the annotation file at `path`.
pub fn load_annotations(path: &Path) -> Result<Annotations, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::io(path, e))?;
    from_json(path, &bytes)
}

/// Parses an annotation file's bytes; `path` only names the file in errors.
/// A byte-order mark before the JSON is allowed, as some editors write one.
pub fn from_json(path: &Path, bytes: &[u8]) -> Result<Annotations, FileError> {
    let doc = parse(path, bytes)?;
    let problems = validate(&doc);
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(FileError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

/// Every problem of the annotation file `path` whose bytes are `bytes`, for
/// `check`: what keeps it from parsing (every quote and entity that does
/// not read, each with its field), or else an article beside it whose text
/// changed since ([`article_drift`]), every way it breaks the contract and
/// every value the contract does not allow that loading lets through
/// ([`doubts`]), all at once, so that one round of fixes is enough. Empty
/// when all is well.
pub fn check_json(path: &Path, bytes: &[u8]) -> Vec<String> {
    match parse(path, bytes) {
        Err(e) => e.problems(),
        Ok(doc) => (article_drift(path, &doc.document.sha256).into_iter())
            .chain(validate(&doc))
            .chain(doubts(&doc))
            .collect(),
    }
}

/// The annotations the bytes hold, before [`validate`] looks at them.
fn parse(path: &Path, bytes: &[u8]) -> Result<Annotations, FileError> {
    // UTF-16 with its byte-order mark is what some tools write by default
    // (PowerShell's `>`); read it as `extract` reads such articles.
    let decoded;
    let bytes = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(FileError::Invalid {
                    path: path.to_owned(),
                    problems: vec![format!(
                        "starts with a {} byte-order mark but is not valid {}",
                        encoding.name(),
                        encoding.name()
                    )],
                });
            }
            decoded = text.into_owned().into_bytes();
            &decoded[..]
        }
        _ => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
    };
    // Look at `format` and `version` before the full parse, so that a newer
    // file says "newer version" rather than some missing-field error.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| FileError::json(path, &e))?;
    check_header(&value).map_err(|p| FileError::Invalid {
        path: path.to_owned(),
        problems: vec![p],
    })?;
    // Attributes are checked on the JSON, so that a gender outside the four
    // values names its entity rather than failing the whole parse blindly.
    let bad_attributes = entity_attribute_problems(&value);
    let value = if bad_attributes.is_empty() {
        // The JSON is handed over, not copied: an article's text may be
        // 50 MB. Only a file that does not read is parsed a second time.
        match serde_path_to_error::deserialize::<_, Annotations>(value) {
            Ok(doc) => return Ok(doc),
            Err(_) => serde_json::from_slice(bytes).map_err(|e| FileError::json(path, &e))?,
        }
    } else {
        value
    };
    // The file does not read: say all of why, where the parse says only
    // the first thing and by its place in a list. An entity whose
    // attributes were named already is not named again.
    let skip: Vec<usize> = bad_attributes.iter().map(|(at, _)| *at).collect();
    let mut problems: Vec<String> = bad_attributes.into_iter().flat_map(|(_, p)| p).collect();
    problems.extend(locate(&value, &skip));
    // What lies outside the lists ("document.text: invalid type: null").
    let mut outside = value;
    for list in ["entities", "quotes"] {
        if outside.get(list).is_some_and(serde_json::Value::is_array) {
            outside[list] = serde_json::Value::Array(Vec::new());
        }
    }
    if let Err(e) = serde_path_to_error::deserialize::<_, Annotations>(&outside) {
        // The file itself is "." ("missing field `labels`").
        problems.push(match e.path().to_string().as_str() {
            "." => e.inner().to_string(),
            at => format!("{at}: {}", e.inner()),
        });
    }
    Err(FileError::Invalid {
        path: path.to_owned(),
        problems,
    })
}

/// The problems of every entity's `attributes` object, each naming the
/// entity, with the entity's place in the list.
fn entity_attribute_problems(value: &serde_json::Value) -> Vec<(usize, Vec<String>)> {
    let Some(entities) = value.get("entities").and_then(|e| e.as_array()) else {
        return Vec::new();
    };
    entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let attributes = e.get("attributes")?;
            let owner = match e.get("id").and_then(|id| id.as_str()) {
                Some(id) => format!("entity {id}"),
                None => format!("entity {}", i + 1),
            };
            let problems = attribute_problems(&owner, attributes);
            (!problems.is_empty()).then_some((i, problems))
        })
        .collect()
}

fn check_header(value: &serde_json::Value) -> Result<(), String> {
    let Some(obj) = value.as_object() else {
        return Err(
            "the file is JSON but not an annotation file (expected an object at the top)".into(),
        );
    };
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err(format!(
                "\"format\" is \"{other}\", expected \"{FORMAT_NAME}\""
            ));
        }
        None => {
            return Err(format!(
                "no \"format\": \"{FORMAT_NAME}\"; not an annotation file"
            ));
        }
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(FORMAT_VERSION) => Ok(()),
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(format!(
            "version {v} is newer than this quotecheck reads (up to {FORMAT_VERSION}); update quotecheck"
        )),
        Some(v) => Err(format!("unknown version {v}")),
        None => Err("\"version\" is missing or not a whole number".into()),
    }
}

/// Every quote and entity of the file that does not read, each named with
/// the field and what is wrong with it ("quote q4: cue.end: invalid type:
/// string \"x\", expected usize"), but the entities at `skip`.
fn locate(value: &serde_json::Value, skip: &[usize]) -> Vec<String> {
    fn problems<'a, T: serde::de::DeserializeOwned>(
        what: &'a str,
        items: &'a serde_json::Value,
        skip: &'a [usize],
    ) -> impl Iterator<Item = String> + 'a {
        let items = items.as_array().into_iter().flatten().enumerate();
        let items = items.filter(move |(at, _)| !skip.contains(at));
        items.filter_map(move |(at, item)| {
            let id = item["id"]
                .as_str()
                .map_or(format!("{}", at + 1), str::to_owned);
            let e = serde_path_to_error::deserialize::<_, T>(item).err()?;
            let field = e.path().to_string();
            Some(if field == "." {
                format!("{what} {id}: {}", e.inner())
            } else {
                format!("{what} {id}: {field}: {}", e.inner())
            })
        })
    }
    problems::<crate::model::Entity>("entity", &value["entities"], skip)
        .chain(problems::<crate::model::Quote>(
            "quote",
            &value["quotes"],
            &[],
        ))
        .collect()
}

/// Every way `doc` breaks the contract, each naming the span or id; empty
/// when the document is valid.
pub fn validate(doc: &Annotations) -> Vec<String> {
    let mut problems = Vec::new();
    let index = TextIndex::new(&doc.document.text);
    let mut check_span = |what: &str, span: &Span| {
        if span.start > span.end {
            problems.push(format!(
                "{what}: span {}..{} ends before it starts",
                span.start, span.end
            ));
        } else if span.end > index.char_len() {
            problems.push(format!(
                "{what}: span {}..{} lies outside the text ({} chars)",
                span.start,
                span.end,
                index.char_len()
            ));
        } else {
            let covered = index.slice(span.start, span.end);
            if covered != span.text {
                problems.push(format!(
                    "{what}: span {}..{} says {:?} but the text there is {:?}",
                    span.start, span.end, span.text, covered
                ));
            }
        }
    };
    for e in &doc.entities {
        for (i, m) in e.mentions.iter().enumerate() {
            check_span(&format!("entity {} mention {}", e.id, i + 1), m);
        }
    }
    for q in &doc.quotes {
        for (i, c) in q.content.iter().enumerate() {
            check_span(&format!("quote {} content {}", q.id, i + 1), c);
        }
        if let Some(cue) = &q.cue {
            check_span(&format!("quote {} cue", q.id), cue);
        }
        if let Some(source) = &q.source {
            check_span(&format!("quote {} source", q.id), source);
        }
    }

    let mut ids = HashSet::new();
    for id in doc
        .entities
        .iter()
        .map(|e| &e.id)
        .chain(doc.quotes.iter().map(|q| &q.id))
    {
        if !ids.insert(id.as_str()) {
            problems.push(format!("id {id} is used more than once"));
        }
    }
    let entity_ids: HashSet<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    for q in &doc.quotes {
        if q.content.is_empty() {
            problems.push(format!("quote {} has no content span", q.id));
        }
        if let Some(s) = &q.speaker
            && !entity_ids.contains(s.as_str())
        {
            problems.push(format!("quote {}: speaker {s} is not an entity", q.id));
        }
    }
    for e in &doc.entities {
        if !doc.labels.contains(&e.label) {
            problems.push(format!(
                "entity {}: label {} is not in \"labels\" ({})",
                e.id,
                e.label,
                doc.labels.join(", ")
            ));
        }
    }
    let digest = sha256_hex(&doc.document.text);
    // An empty digest is a file from a tool that does not compute one.
    if !doc.document.sha256.is_empty() && !doc.document.sha256.eq_ignore_ascii_case(&digest) {
        problems.push(format!(
            "document.sha256 is {} but the text's digest is {digest}",
            doc.document.sha256
        ));
    }
    problems
}

/// What `check` questions in a file that loads: values the contract does
/// not allow but that lose nothing when the file is opened (so the window
/// and training still read it), each for a person to fix by hand: a
/// `confidence` outside 0–1, an `updated_at` that is no RFC 3339 time, an
/// empty span. (An open difference naming a tag the file no longer has is
/// no doubt: the adjudicator deleted or merged it.)
pub fn doubts(doc: &Annotations) -> Vec<String> {
    let mut doubts = Vec::new();
    if let Some(at) = &doc.review.updated_at
        && time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).is_err()
    {
        doubts.push(format!(
            "review.updated_at {at:?} is no RFC 3339 time (such as 2026-11-28T10:00:00Z)"
        ));
    }
    let mut empty = |what: String, span: &Span| {
        if span.start == span.end {
            doubts.push(format!("{what}: the span at {} is empty", span.start));
        }
    };
    for e in &doc.entities {
        for (i, m) in e.mentions.iter().enumerate() {
            empty(format!("entity {} mention {}", e.id, i + 1), m);
        }
    }
    for q in &doc.quotes {
        for (i, c) in q.content.iter().enumerate() {
            empty(format!("quote {} content {}", q.id, i + 1), c);
        }
        if let Some(cue) = &q.cue {
            empty(format!("quote {} cue", q.id), cue);
        }
        if let Some(source) = &q.source {
            empty(format!("quote {} source", q.id), source);
        }
    }
    for q in &doc.quotes {
        if let Some(c) = q.confidence
            && !(0.0..=1.0).contains(&c)
        {
            doubts.push(format!("quote {}: confidence {c} is outside 0–1", q.id));
        }
    }
    doubts
}

/// The file's bytes: pretty-printed JSON with entities, mentions and quotes in
/// text order and fields in the contract's order, so files diff well in git.
pub fn to_json(doc: &Annotations) -> Result<Vec<u8>, serde_json::Error> {
    let mut doc = doc.clone();
    doc.normalize_order();
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Saves `doc` to `path` atomically (a crash leaves the old file or the new
/// one, never half of one), stamping `review.updated_at`.
pub fn save_annotations(path: &Path, doc: &Annotations) -> Result<(), FileError> {
    let mut doc = doc.clone();
    doc.review.updated_at = now_rfc3339();
    let bytes = to_json(&doc).map_err(|e| FileError::serialize(path, e))?;
    write_atomically(path, &bytes)
}

/// A note when the `.txt` beside `path` no longer holds the annotated text.
pub fn article_drift(path: &Path, sha256: &str) -> Option<String> {
    let article_path = path.with_extension("txt");
    let article = super::read_article(&article_path).ok()?;
    (!sha256.is_empty() && !sha256_hex(&article.text).eq_ignore_ascii_case(sha256)).then(|| {
        format!(
            "the article {} changed since it was annotated (its sha256 differs); the annotation file keeps its own copy of the text",
            article_path.display()
        )
    })
}

pub fn now_rfc3339() -> Option<String> {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()?
        .format(&time::format_description::well_known::Rfc3339)
        .ok()
}
