//! The outlet and date of each article, from a CSV or TSV file beside the
//! articles (PolNeAR's `metadata.tsv` is one).
//!
//! The first row names the columns. Three are read, found by name without
//! regard to case: the article's name (`filename`, `file`, `name`,
//! `article` or `document`), its outlet (`outlet`, `publisher`,
//! `publication`, `source` or `media`) and its date (`date`,
//! `publication_date`, `published` or `pubdate`); other columns are passed
//! over. A name matches an article whatever its extension: `nyt_2016-10-01_x`,
//! `nyt_2016-10-01_x.txt` and `nyt_2016-10-01_x.json` are one article.
//! Dates are read as ISO 8601 (`2016-10-01`, or with a time after it).

use std::collections::HashMap;
use std::path::Path;

use crate::format::FileError;

const NAME_COLUMNS: &[&str] = &["filename", "file", "name", "article", "document"];
const OUTLET_COLUMNS: &[&str] = &["outlet", "publisher", "publication", "source", "media"];
const DATE_COLUMNS: &[&str] = &["date", "publication_date", "published", "pubdate"];

/// What the metadata file says of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleMeta {
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`, when the file gives a date in that form.
    pub date: Option<String>,
}

impl ArticleMeta {
    /// `YYYY-MM`, the period the report groups dates by.
    pub fn month(&self) -> Option<&str> {
        self.date.as_deref().map(|d| &d[..7])
    }
}

/// The metadata of a folder's articles, by article name.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    rows: HashMap<String, ArticleMeta>,
    /// The columns that were read, as the file names them.
    pub name_column: String,
    pub outlet_column: Option<String>,
    pub date_column: Option<String>,
    /// Dates that are no day of the calendar in ISO 8601 (`05/01/2024`,
    /// `2024-13-45`), as (article, what the file says): those articles'
    /// month is unknown.
    pub unread_dates: Vec<(String, String)>,
    /// Articles with more than one row: the last row is the one read.
    pub repeated: Vec<String>,
}

impl Metadata {
    /// Reads `path`: tab-separated when its name ends in `.tsv` (or its
    /// first line holds a tab and no comma), else comma-separated with
    /// RFC 4180 quoting.
    pub fn load(path: &Path) -> Result<Metadata, FileError> {
        // Read as articles are: a spreadsheet's export in windows-1252 or
        // UTF-16 is text too.
        let text = crate::format::read_article(path)?.text;
        let first_line = text.lines().next().unwrap_or_default();
        let tabs = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
            || first_line.contains('\t') && !first_line.contains(',');
        let rows = if tabs {
            Ok(text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split('\t').map(str::to_owned).collect())
                .collect())
        } else {
            parse_csv(&text)
        };
        rows.and_then(Metadata::from_rows)
            .map_err(|problem| FileError::Invalid {
                path: path.to_owned(),
                problems: vec![problem],
            })
    }

    fn from_rows(rows: Vec<Vec<String>>) -> Result<Metadata, String> {
        let mut rows = rows.into_iter();
        let header = rows.next().ok_or("the metadata file is empty")?;
        let column = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| header.iter().position(|h| h.trim().eq_ignore_ascii_case(n)))
        };
        let name = column(NAME_COLUMNS).ok_or_else(|| {
            format!(
                "no column names the articles (expected one of {})",
                NAME_COLUMNS.join(", ")
            )
        })?;
        let outlet = column(OUTLET_COLUMNS);
        let date = column(DATE_COLUMNS);
        let cell = |row: &[String], at: Option<usize>| {
            at.and_then(|i| row.get(i))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty() && v != "None" && v != "NA")
        };
        let mut by_name = HashMap::new();
        let mut unread_dates = Vec::new();
        let mut repeated = Vec::new();
        for row in rows {
            let Some(key) = cell(&row, Some(name)).map(|n| article_key(&n)) else {
                continue;
            };
            let written = cell(&row, date);
            let read = written.as_deref().and_then(iso_date);
            if let (Some(written), None) = (written, &read) {
                unread_dates.push((key.clone(), written));
            }
            let meta = ArticleMeta {
                outlet: cell(&row, outlet),
                date: read,
            };
            if by_name.insert(key.clone(), meta).is_some() && !repeated.contains(&key) {
                repeated.push(key);
            }
        }
        Ok(Metadata {
            rows: by_name,
            unread_dates,
            repeated,
            name_column: header[name].trim().to_owned(),
            outlet_column: outlet.map(|i| header[i].trim().to_owned()),
            date_column: date.map(|i| header[i].trim().to_owned()),
        })
    }

    /// What the file says of the article known as `file` (the annotation
    /// file's name) or `document` (its `document.name`).
    pub fn find(&self, file: &str, document: &str) -> Option<&ArticleMeta> {
        self.rows
            .get(&article_key(file))
            .or_else(|| self.rows.get(&article_key(document)))
    }
}

/// An article's name as names are matched: no folder, no extension of an
/// article or annotation file, lowercase.
fn article_key(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = base.trim().to_lowercase();
    for ext in [".txt", ".json", ".ann"] {
        if let Some(stem) = lower.strip_suffix(ext) {
            return stem.to_owned();
        }
    }
    lower
}

/// `2016-03-11` from `2016-03-11` or `2016-03-11T10:00:00Z`; nothing from
/// a day no calendar has (`2024-13-45`, `2023-02-29`).
fn iso_date(text: &str) -> Option<String> {
    let date = text.get(..10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let number = |r: std::ops::Range<usize>| date[r].parse::<u32>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| date.to_owned())
}

/// Comma-separated rows; a field in double quotes may hold commas, line
/// breaks and doubled quotes. A quotation mark never closed is an error
/// naming its line: read on, it would swallow every row after it into one
/// field, and the report would publish that as an outlet.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let (mut line, mut opened_on) = (1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => {
                quoted = true;
                opened_on = line;
            }
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                if row.iter().any(|f| !f.trim().is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(format!(
            "line {opened_on}: a quotation mark opens a field that is never closed"
        ));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_may_hold_commas_quotes_and_line_breaks() {
        let rows = parse_csv("name,title\r\na,\"Hello, \"\"world\"\"\nagain\"\nb,plain\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1], "Hello, \"world\"\nagain");
        assert_eq!(rows[2], ["b", "plain"]);
    }

    #[test]
    fn names_match_whatever_their_extension_and_dates_are_iso() {
        let meta = Metadata::from_rows(vec![
            vec![
                "Filename".into(),
                "publisher".into(),
                "publication_date".into(),
            ],
            vec!["nyt_1".into(), "nyt".into(), "2016-10-01".into()],
            vec!["wp_2.txt".into(), "None".into(), "1 Oct 2016".into()],
        ])
        .unwrap();
        let nyt = meta.find("nyt_1", "nyt_1.txt").unwrap();
        assert_eq!(nyt.outlet.as_deref(), Some("nyt"));
        assert_eq!(nyt.month(), Some("2016-10"));
        let wp = meta.find("other", "wp_2.txt").unwrap();
        assert_eq!((wp.outlet.as_deref(), wp.date.as_deref()), (None, None));
        assert!(meta.find("absent", "absent.txt").is_none());
        assert_eq!(meta.outlet_column.as_deref(), Some("publisher"));
        assert_eq!(
            meta.unread_dates,
            [("wp_2".to_owned(), "1 Oct 2016".to_owned())]
        );
    }

    /// A month 13 or a 30 February would make a group of its own in the
    /// published figures: such dates are no dates.
    #[test]
    fn only_days_of_the_calendar_are_dates() {
        for day in ["2024-02-29", "2023-12-31", "2016-10-01T10:00:00Z"] {
            assert_eq!(iso_date(day).as_deref(), Some(&day[..10]), "{day}");
        }
        for no_day in [
            "2024-13-45",
            "2024-00-10",
            "2023-02-29",
            "2024-04-31",
            "2024-01-00",
        ] {
            assert_eq!(iso_date(no_day), None, "{no_day}");
        }
    }
}
