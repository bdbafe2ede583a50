//! The report as one self-contained HTML page, as a newsroom publishes it:
//! inline CSS, charts as inline SVG, no script and nothing loaded from
//! elsewhere, so the file opens the same in any browser, offline.
//!
//! In every chart the part of a bar that rests on review is solid and the
//! automatic part pale; every table gives the reviewed counts beside the
//! figures.

use std::fmt::Write;

use super::{GroupRow, Person, Report, Share, percent, thousands as n};
use crate::model::Gender;

/// The colours of the genders: told apart by people with any kind of
/// colour blindness (orange, blue, green, grey).
fn colour(gender: Gender) -> &'static str {
    match gender {
        Gender::Woman => "#d95f02",
        Gender::Man => "#1f5fa8",
        Gender::Nonbinary => "#1b9e77",
        Gender::Unknown => "#9aa0a6",
    }
}

const NEUTRAL: &str = "#5b6770";

/// Escapes text for HTML and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d2327; --muted: #5b6770; --rule: #dde1e4; --bg: #fbfbfa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 40px 28px 64px; }
h1 { font: 700 34px/1.15 Georgia, "Times New Roman", serif; margin: 0 0 6px; }
h2 { font: 700 22px/1.25 Georgia, "Times New Roman", serif; margin: 44px 0 4px; padding-top: 18px; border-top: 2px solid var(--ink); }
.lede { color: var(--muted); margin: 0 0 22px; }
.note { color: var(--muted); font-size: 14px; margin: 4px 0 14px; }
.banner { background: #fff4e5; border-left: 5px solid #d95f02; padding: 12px 16px; margin: 18px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 22px 0 8px; }
.card { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 14px 16px; }
.card .n { font: 700 30px/1.1 Georgia, serif; }
.card .l { color: var(--muted); font-size: 14px; }
.card .r { color: var(--muted); font-size: 12px; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 10px 0 6px; background: #fff; }
th, td { text-align: right; padding: 6px 10px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
th:first-child, td:first-child { text-align: left; white-space: normal; }
td.name, th.name { text-align: left; white-space: normal; }
tr.unknown td { color: var(--muted); font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 13px; color: var(--muted); margin: 6px 0; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.sw { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
@media (max-width: 760px) { .two { grid-template-columns: 1fr; } }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--rule); padding-top: 12px; }
"#;

/// The whole page. `title` heads it (the folder's name).
pub fn render(report: &Report, title: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Who is quoted: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(title)
    );
    let _ = write!(
        h,
        "<h1>Who is quoted</h1>\n<p class=\"lede\">{} · {} articles · {} quotes · made by quotecheck</p>\n",
        esc(title),
        n(report.articles.len()),
        n(report.quotes)
    );
    banner(&mut h, report);
    cards(&mut h, report);
    gender_section(&mut h, report);
    top_people(&mut h, report);
    role_section(&mut h, report);
    label_section(&mut h, report);
    if let Some(rows) = &report.by_outlet {
        group_section(&mut h, "By outlet", rows, report);
    }
    if let Some(rows) = &report.by_month {
        group_section(&mut h, "By month", rows, report);
    }
    problems(&mut h, report);
    h.push_str(
        "<footer>Counted: every quote not rejected by a reviewer. A quote rests on review when a reviewer accepted or edited it; \
         a gender or role when it comes from the folder's registry or from an entity a reviewer accepted or edited. \
         Genders are never guessed from first names: automatic ones come only from the article's own words (he, she, Mr, Mrs…). \
         \"Unknown\" is always shown.</footer>\n</main>\n</body>\n</html>\n",
    );
    h
}

fn banner(h: &mut String, r: &Report) {
    if r.articles.is_empty() {
        h.push_str("<div class=\"banner\"><strong>No annotation files were found.</strong> There is nothing to count.</div>\n");
    } else if r.nothing_reviewed() {
        h.push_str(
            "<div class=\"banner\"><strong>Nothing in this folder has been reviewed yet.</strong> \
             Every figure below rests on automatic tags alone: quotes, speakers and genders as the extractor found them. \
             Review the articles in quotecheck before publishing these figures.</div>\n",
        );
    } else {
        let _ = writeln!(
            h,
            "<p class=\"note\">{} of {} articles reviewed to the end, {} in progress; {} of {} quotes ({}) reviewed.</p>",
            r.files_done,
            r.articles.len(),
            r.files_in_progress,
            r.quotes_reviewed,
            r.quotes,
            percent(r.quotes_reviewed, r.quotes)
        );
    }
}

fn cards(h: &mut String, r: &Report) {
    let people = r.quotes_by_people();
    let women = &r.by_gender[0];
    let unknown = &r.by_gender[3];
    let quoted = r.quoted();
    h.push_str("<div class=\"cards\">\n");
    let mut card = |n: String, label: &str, rest: String| {
        let _ = writeln!(
            h,
            "<div class=\"card\"><div class=\"n\">{n}</div><div class=\"l\">{}</div><div class=\"r\">{}</div></div>",
            esc(label),
            esc(&rest)
        );
    };
    card(
        n(r.quotes),
        "quotes",
        format!("{} reviewed", percent(r.quotes_reviewed, r.quotes)),
    );
    card(
        percent(women.quotes, people),
        "of quotes by people are women's",
        format!(
            "{} of {}; {} fully reviewed",
            n(women.quotes),
            n(people),
            n(women.quotes_fully_reviewed)
        ),
    );
    card(
        percent(unknown.quotes, people),
        "of quotes by people: gender unknown",
        format!("{} of {}", n(unknown.quotes), n(people)),
    );
    card(
        n(quoted.people),
        "people quoted",
        Gender::ALL
            .iter()
            .map(|&g| g.count_phrase(quoted.of_gender(g)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    card(
        n(quoted.organisations),
        "organisations quoted",
        match r.quotes_without_speaker {
            1 => "1 quote names no speaker".to_owned(),
            k => format!("{} quotes name no speaker", n(k)),
        },
    );
    h.push_str("</div>\n");
}

fn legend(h: &mut String) {
    h.push_str("<div class=\"legend\">");
    for g in Gender::ALL {
        let _ = write!(
            h,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{}</span>",
            colour(g),
            g.as_str()
        );
    }
    let _ = writeln!(
        h,
        "<span><i class=\"sw\" style=\"background:{NEUTRAL}\"></i>solid: rests on review</span>\
         <span><i class=\"sw\" style=\"background:{NEUTRAL};opacity:.35\"></i>pale: automatic</span></div>"
    );
}

/// One horizontal bar of 100%, a segment per gender, each split into its
/// reviewed (solid) and automatic (pale) parts. `parts` holds (total,
/// reviewed) per gender.
fn stacked_bar(parts: [(usize, usize); 4], width: f64, y: f64, height: f64, out: &mut String) {
    let total: usize = parts.iter().map(|p| p.0).sum();
    if total == 0 {
        let _ = write!(
            out,
            "<rect x=\"0\" y=\"{y}\" width=\"{width}\" height=\"{height}\" fill=\"#eceff1\"/>"
        );
        return;
    }
    let mut x = 0.0;
    for (g, (n, reviewed)) in Gender::ALL.into_iter().zip(parts) {
        if n == 0 {
            continue;
        }
        let w = width * n as f64 / total as f64;
        let solid = w * reviewed as f64 / n as f64;
        let c = colour(g);
        let _ = write!(
            out,
            "<rect x=\"{x:.2}\" y=\"{y}\" width=\"{solid:.2}\" height=\"{height}\" fill=\"{c}\"><title>{}: {n} ({reviewed} reviewed)</title></rect>\
             <rect x=\"{:.2}\" y=\"{y}\" width=\"{:.2}\" height=\"{height}\" fill=\"{c}\" fill-opacity=\"0.35\"><title>{}: {n} ({reviewed} reviewed)</title></rect>",
            g.as_str(),
            x + solid,
            w - solid,
            g.as_str()
        );
        if w > 44.0 {
            // White on a mostly solid segment, ink on a mostly pale one.
            let ink = if 2 * reviewed >= n { "#fff" } else { "#1d2327" };
            let _ = write!(
                out,
                "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"13\" font-weight=\"600\" fill=\"{ink}\" text-anchor=\"middle\">{}</text>",
                x + w / 2.0,
                y + height / 2.0 + 4.5,
                percent(n, total)
            );
        }
        x += w;
    }
}

fn gender_section(h: &mut String, r: &Report) {
    h.push_str("<h2>Women and men quoted</h2>\n<p class=\"note\">Quotes by people, and the people quoted, by gender. Organisations are left out here; see the table by label.</p>\n");
    legend(h);
    let rows = [("quotes", true), ("people", false)];
    let mut svg = String::new();
    for (i, (name, quotes)) in rows.iter().enumerate() {
        let y = 8.0 + i as f64 * 46.0;
        let parts: [(usize, usize); 4] = std::array::from_fn(|g| {
            let s = &r.by_gender[g];
            if *quotes {
                (s.quotes, s.quotes_fully_reviewed)
            } else {
                (s.people, s.people_attribute_reviewed)
            }
        });
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"14\" fill=\"#1d2327\">{name}</text><g transform=\"translate(80,0)\">",
            y + 20.0
        );
        stacked_bar(parts, 840.0, y, 30.0, &mut svg);
        svg.push_str("</g>");
    }
    let _ = writeln!(
        h,
        "<svg viewBox=\"0 0 920 100\" width=\"920\" role=\"img\" aria-label=\"Shares of quotes and of people by gender\">{svg}</svg>"
    );
    share_table(h, &r.by_gender, "Gender", true);
}

fn share_table(h: &mut String, rows: &[Share], what: &str, people: bool) {
    let quotes: usize = rows.iter().map(|r| r.quotes).sum();
    let persons: usize = rows.iter().map(|r| r.people).sum();
    let _ = write!(
        h,
        "<table><thead><tr><th>{what}</th><th>Quotes</th><th>Share</th><th>Quote reviewed</th><th>{what} reviewed</th>"
    );
    if people {
        h.push_str("<th>People</th><th>Share</th><th>Reviewed</th>");
    }
    h.push_str("</tr></thead><tbody>\n");
    for s in rows {
        let class = if s.value == "unknown" {
            " class=\"unknown\""
        } else {
            ""
        };
        let _ = write!(
            h,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            esc(&s.value),
            n(s.quotes),
            percent(s.quotes, quotes),
            percent(s.quotes_reviewed, s.quotes),
            percent(s.quotes_attribute_reviewed, s.quotes)
        );
        if people {
            let _ = write!(
                h,
                "<td>{}</td><td>{}</td><td>{}</td>",
                n(s.people),
                percent(s.people, persons),
                percent(s.people_attribute_reviewed, s.people)
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n<p class=\"note\">\"Quote reviewed\": share of the row's quotes a reviewer accepted or edited. The next column: share whose value in the first column rests on review.</p>\n");
}

fn top_people(h: &mut String, r: &Report) {
    let top: Vec<&Person> = r.people.iter().take(20).collect();
    h.push_str("<h2>Most quoted</h2>\n<p class=\"note\">The people and organisations quoted most often, coloured by gender (organisations grey).</p>\n");
    if top.is_empty() {
        h.push_str("<p>Nobody is quoted by name.</p>\n");
        return;
    }
    legend(h);
    let max = top.iter().map(|p| p.quotes).max().unwrap_or(1).max(1);
    let row_h = 26.0;
    let label_w = 250.0;
    let bar_w = 600.0;
    let mut svg = String::new();
    for (i, p) in top.iter().enumerate() {
        let y = i as f64 * row_h;
        let gender = p.gender.value.as_deref().and_then(Gender::parse);
        let c = match (p.label.as_str(), gender) {
            ("PERSON", Some(g)) => colour(g),
            ("PERSON", None) => colour(Gender::Unknown),
            _ => NEUTRAL,
        };
        let w = bar_w * p.quotes as f64 / max as f64;
        let solid = w * p.quotes_reviewed as f64 / p.quotes.max(1) as f64;
        let mut name = p.name.clone();
        if name.chars().count() > 34 {
            name = name.chars().take(33).collect::<String>() + "…";
        }
        let _ = write!(
            svg,
            "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1d2327\">{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{solid:.2}\" height=\"18\" fill=\"{c}\"/>\
             <rect x=\"{:.2}\" y=\"{:.1}\" width=\"{:.2}\" height=\"18\" fill=\"{c}\" fill-opacity=\"0.35\"/>\
             <text x=\"{:.2}\" y=\"{:.1}\" font-size=\"12\" fill=\"#5b6770\">{} · {} art.</text>",
            label_w - 10.0,
            y + 17.0,
            esc(&name),
            y + 4.0,
            label_w + solid,
            y + 4.0,
            w - solid,
            label_w + w + 6.0,
            y + 17.0,
            n(p.quotes),
            p.articles
        );
    }
    let height = top.len() as f64 * row_h + 6.0;
    let _ = writeln!(
        h,
        "<svg viewBox=\"0 0 940 {height:.0}\" width=\"940\" role=\"img\" aria-label=\"Most quoted\">{svg}</svg>"
    );
    h.push_str("<table><thead><tr><th>#</th><th class=\"name\">Name</th><th>Label</th><th>Gender</th><th>Role</th><th>Quotes</th><th>Reviewed</th><th>Words</th><th>Articles</th></tr></thead><tbody>\n");
    for (i, p) in top.iter().enumerate() {
        let mark = |reviewed: bool| if reviewed { "" } else { " (auto)" };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"name\">{}</td><td>{}</td><td>{}{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&p.name),
            esc(&p.label),
            esc(p.gender.shown()),
            if p.gender.value.is_some() {
                mark(p.gender.reviewed)
            } else {
                ""
            },
            esc(p.role.shown()),
            if p.role.value.is_some() {
                mark(p.role.reviewed)
            } else {
                ""
            },
            n(p.quotes),
            percent(p.quotes_reviewed, p.quotes),
            n(p.words),
            p.articles
        );
    }
    h.push_str("</tbody></table>\n<p class=\"note\">\"(auto)\": the value is automatic, not yet confirmed by a reviewer. The full list is in people.csv (<code>--csv</code>).</p>\n");
}

/// Horizontal bars of the share of quotes each row has.
fn share_bars(h: &mut String, rows: &[Share], label: &str) {
    let total: usize = rows.iter().map(|r| r.quotes).sum();
    let row_h = 26.0;
    let mut svg = String::new();
    for (i, s) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let w = if total == 0 {
            0.0
        } else {
            560.0 * s.quotes as f64 / total as f64
        };
        let solid = w * s.quotes_fully_reviewed as f64 / s.quotes.max(1) as f64;
        let c = if s.value == "unknown" {
            colour(Gender::Unknown)
        } else {
            NEUTRAL
        };
        let _ = write!(
            svg,
            "<text x=\"190\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1d2327\">{}</text>\
             <rect x=\"200\" y=\"{:.1}\" width=\"{solid:.2}\" height=\"18\" fill=\"{c}\"/>\
             <rect x=\"{:.2}\" y=\"{:.1}\" width=\"{:.2}\" height=\"18\" fill=\"{c}\" fill-opacity=\"0.35\"/>\
             <text x=\"{:.2}\" y=\"{:.1}\" font-size=\"12\" fill=\"#5b6770\">{} ({})</text>",
            y + 17.0,
            esc(&s.value),
            y + 4.0,
            200.0 + solid,
            y + 4.0,
            w - solid,
            206.0 + w,
            y + 17.0,
            percent(s.quotes, total),
            s.quotes
        );
    }
    let height = rows.len() as f64 * row_h + 6.0;
    let _ = writeln!(
        h,
        "<svg viewBox=\"0 0 920 {height:.0}\" width=\"920\" role=\"img\" aria-label=\"{}\">{svg}</svg>",
        esc(label)
    );
}

fn role_section(h: &mut String, r: &Report) {
    h.push_str("<h2>What people are quoted as</h2>\n<p class=\"note\">Quotes by people by their role, in the categories of the Global Media Monitoring Project, and others reviewers typed.</p>\n");
    share_bars(h, &r.by_role, "Quotes by role");
    share_table(h, &r.by_role, "Role", true);
}

fn label_section(h: &mut String, r: &Report) {
    h.push_str("<h2>People, organisations and others</h2>\n<p class=\"note\">Every quote by what its speaker is; \"unknown\": nobody is named as the speaker.</p>\n");
    share_table(h, &r.by_label, "Label", true);
}

fn group_section(h: &mut String, title: &str, rows: &[GroupRow], r: &Report) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p class=\"note\">Quotes by people, by gender. {} of {} articles are named in the metadata file; the others count as \"unknown\".</p>\n",
        esc(title),
        r.articles_with_metadata,
        r.articles.len()
    );
    legend(h);
    let row_h = 30.0;
    let mut svg = String::new();
    for (i, row) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let _ = write!(
            svg,
            "<text x=\"150\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1d2327\">{}</text><g transform=\"translate(160,0)\">",
            y + 18.0,
            esc(&row.value)
        );
        let parts: [(usize, usize); 4] =
            std::array::from_fn(|g| (row.quotes_by_gender[g], row.reviewed_by_gender[g]));
        stacked_bar(parts, 660.0, y + 2.0, 22.0, &mut svg);
        let _ = write!(
            svg,
            "</g><text x=\"830\" y=\"{:.1}\" font-size=\"12\" fill=\"#5b6770\">{} quotes</text>",
            y + 18.0,
            n(row.quotes())
        );
    }
    let height = rows.len() as f64 * row_h + 4.0;
    let _ = writeln!(
        h,
        "<svg viewBox=\"0 0 940 {height:.0}\" width=\"940\" role=\"img\" aria-label=\"{}\">{svg}</svg>",
        esc(title)
    );
    let what = if title == "By outlet" {
        "Outlet"
    } else {
        "Month"
    };
    let _ = writeln!(
        h,
        "<table><thead><tr><th>{what}</th><th>Articles</th><th>Quotes by people</th><th>Women</th><th>Men</th><th>Nonbinary</th><th>Unknown</th><th>Fully reviewed</th></tr></thead><tbody>"
    );
    for row in rows {
        let count = row.quotes();
        let cell = |g: usize| {
            format!(
                "{} ({})",
                n(row.quotes_by_gender[g]),
                percent(row.quotes_by_gender[g], count)
            )
        };
        let class = if row.value == "unknown" {
            " class=\"unknown\""
        } else {
            ""
        };
        let _ = writeln!(
            h,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&row.value),
            n(row.articles),
            n(count),
            cell(0),
            cell(1),
            cell(2),
            cell(3),
            percent(row.reviewed(), count)
        );
    }
    h.push_str("</tbody></table>\n");
}

fn problems(h: &mut String, r: &Report) {
    if r.conflicts.is_empty() && r.ambiguous.is_empty() {
        return;
    }
    h.push_str("<h2>For a reviewer</h2>\n");
    if !r.conflicts.is_empty() {
        h.push_str("<p class=\"note\">Reviewers disagree on these attributes; the registry's value is kept, and where it has none the person counts as unknown.</p><table><thead><tr><th>Entry</th><th>Attribute</th><th>Kept</th><th>Also said</th></tr></thead><tbody>\n");
        for c in &r.conflicts {
            let said: Vec<String> = c.values.iter().map(|(v, f)| format!("{v} ({f})")).collect();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"name\">{}</td></tr>",
                esc(&c.entry),
                esc(&c.key),
                esc(c.kept.as_deref().unwrap_or("—")),
                esc(&said.join(", "))
            );
        }
        h.push_str("</tbody></table>\n");
    }
    if !r.ambiguous.is_empty() {
        h.push_str("<p class=\"note\">These names fit several people of the registry and are counted apart until a reviewer links them.</p><table><thead><tr><th>Name</th><th>Article</th><th>Could be</th></tr></thead><tbody>\n");
        for a in &r.ambiguous {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"name\">{}</td></tr>",
                esc(&a.name),
                esc(&a.file),
                esc(&a.candidates.join(", "))
            );
        }
        h.push_str("</tbody></table>\n");
    }
}
