//! The report as CSV tables a spreadsheet opens: comma-separated, a header
//! row, RFC 4180 quoting, UTF-8, one file per table.

use super::{GroupRow, Report, Share};
use crate::model::Gender;

/// Every table: its file name and its contents.
pub fn tables(report: &Report) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("summary.csv", summary(report)),
        ("people.csv", people(report)),
        ("by_gender.csv", shares(&report.by_gender, "gender")),
        ("by_role.csv", shares(&report.by_role, "role")),
        ("by_label.csv", shares(&report.by_label, "label")),
        ("articles.csv", articles(report)),
    ];
    if let Some(rows) = &report.by_outlet {
        out.push(("by_outlet.csv", groups(rows, "outlet")));
    }
    if let Some(rows) = &report.by_month {
        out.push(("by_month.csv", groups(rows, "month")));
    }
    out
}

/// One CSV field: quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn line(out: &mut String, fields: &[String]) {
    let fields: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn header(out: &mut String, names: &[&str]) {
    line(
        out,
        &names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>(),
    );
}

fn summary(r: &Report) -> String {
    let mut out = String::new();
    header(&mut out, &["figure", "value"]);
    let figures: [(&str, usize); 9] = [
        ("articles", r.articles.len()),
        ("articles_done", r.files_done),
        ("articles_in_progress", r.files_in_progress),
        ("quotes", r.quotes),
        ("quotes_reviewed", r.quotes_reviewed),
        ("quotes_without_speaker", r.quotes_without_speaker),
        ("words_quoted", r.words),
        ("speakers", r.people.len()),
        ("articles_with_metadata", r.articles_with_metadata),
    ];
    for (name, value) in figures {
        line(&mut out, &[name.to_owned(), value.to_string()]);
    }
    line(
        &mut out,
        &[
            "nothing_reviewed".to_owned(),
            r.nothing_reviewed().to_string(),
        ],
    );
    out
}

fn people(r: &Report) -> String {
    let mut out = String::new();
    header(
        &mut out,
        &[
            "rank",
            "registry_id",
            "name",
            "label",
            "gender",
            "gender_reviewed",
            "role",
            "role_reviewed",
            "quotes",
            "quotes_reviewed",
            "words",
            "articles",
        ],
    );
    for (i, p) in r.people.iter().enumerate() {
        line(
            &mut out,
            &[
                (i + 1).to_string(),
                p.id.clone().unwrap_or_default(),
                p.name.clone(),
                p.label.clone(),
                p.gender.shown().to_owned(),
                p.gender.reviewed.to_string(),
                p.role.shown().to_owned(),
                p.role.reviewed.to_string(),
                p.quotes.to_string(),
                p.quotes_reviewed.to_string(),
                p.words.to_string(),
                p.articles.to_string(),
            ],
        );
    }
    out
}

fn shares(rows: &[Share], what: &str) -> String {
    let mut out = String::new();
    let quotes: usize = rows.iter().map(|r| r.quotes).sum();
    let people: usize = rows.iter().map(|r| r.people).sum();
    header(
        &mut out,
        &[
            what,
            "quotes",
            "quote_share",
            "quotes_reviewed",
            "quotes_attribute_reviewed",
            "quotes_fully_reviewed",
            "people",
            "people_share",
            "people_attribute_reviewed",
        ],
    );
    for r in rows {
        line(
            &mut out,
            &[
                r.value.clone(),
                r.quotes.to_string(),
                share(r.quotes, quotes),
                r.quotes_reviewed.to_string(),
                r.quotes_attribute_reviewed.to_string(),
                r.quotes_fully_reviewed.to_string(),
                r.people.to_string(),
                share(r.people, people),
                r.people_attribute_reviewed.to_string(),
            ],
        );
    }
    out
}

/// A share as a spreadsheet reads a number: 0.4167, empty of nothing.
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        String::new()
    } else {
        format!("{:.4}", part as f64 / whole as f64)
    }
}

fn groups(rows: &[GroupRow], what: &str) -> String {
    let mut out = String::new();
    let mut names = vec![
        what.to_owned(),
        "articles".into(),
        "quotes_by_people".into(),
    ];
    for g in Gender::ALL {
        names.push(format!("quotes_{}", g.as_str()));
    }
    names.push("share_woman".into());
    names.push("quotes_fully_reviewed".into());
    line(&mut out, &names);
    for r in rows {
        let mut fields = vec![
            r.value.clone(),
            r.articles.to_string(),
            r.quotes().to_string(),
        ];
        fields.extend(r.quotes_by_gender.iter().map(usize::to_string));
        fields.push(share(r.quotes_by_gender[0], r.quotes()));
        fields.push(r.reviewed().to_string());
        line(&mut out, &fields);
    }
    out
}

fn articles(r: &Report) -> String {
    let mut out = String::new();
    let mut names = vec![
        "file".to_owned(),
        "outlet".into(),
        "date".into(),
        "review".into(),
        "quotes".into(),
        "quotes_reviewed".into(),
        "people".into(),
    ];
    for g in Gender::ALL {
        names.push(format!("people_{}", g.as_str()));
    }
    names.extend(["organisations".to_owned(), "other_speakers".into()]);
    line(&mut out, &names);
    for a in &r.articles {
        let review = match a.review {
            crate::model::ReviewStatus::Unreviewed => "unreviewed",
            crate::model::ReviewStatus::InProgress => "in_progress",
            crate::model::ReviewStatus::Done => "done",
        };
        let mut fields = vec![
            a.file.clone(),
            a.outlet.clone().unwrap_or_default(),
            a.date.clone().unwrap_or_default(),
            review.to_owned(),
            a.quotes.to_string(),
            a.quotes_reviewed.to_string(),
            a.quoted.people.to_string(),
        ];
        fields.extend(a.quoted.genders.iter().map(usize::to_string));
        fields.push(a.quoted.organisations.to_string());
        fields.push(a.quoted.others.to_string());
        line(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("Smith, John"), "\"Smith, John\"");
        assert_eq!(field("the \"Don\""), "\"the \"\"Don\"\"\"");
    }
}
