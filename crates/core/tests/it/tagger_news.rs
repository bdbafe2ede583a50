//! Shapes of names that news needs, whatever CoNLL-2003 taught the tagger:
//! names with "of" and possessives inside come out whole, and a headline in
//! title case never changes the body's mentions.

use quotecheck_core::extract::extract;
use quotecheck_core::tagger::Tagger;

const DONETSK: &str = include_str!("../fixtures/news/donetsk.txt");
const OKAFOR_BODY: &str = include_str!("../fixtures/news/okafor-body.txt");

/// The tagger's spans of `text` from byte `from` on, as (start - from, end -
/// from, label).
fn spans_from(text: &str, from: usize) -> Vec<(usize, usize, &'static str)> {
    Tagger::bundled()
        .tag(text)
        .into_iter()
        .filter(|s| s.start >= from)
        .map(|s| (s.start - from, s.end - from, s.label.as_str()))
        .collect()
}

#[test]
fn names_with_of_and_possessives_inside_come_out_whole() {
    let found: Vec<(&str, &str)> = Tagger::bundled()
        .tag(DONETSK)
        .iter()
        .map(|s| (&DONETSK[s.start..s.end], s.label.as_str()))
        .collect();
    let whole = [
        "Donetsk People's Republic",
        "Luhansk People’s Republic",
        "Bank of America",
        "University of Toronto",
    ];
    for name in whole {
        assert!(found.contains(&(name, "ORG")), "{name} not in {found:?}");
    }
    // The extractor keeps them whole too.
    let doc = extract("donetsk.txt", DONETSK);
    for name in whole {
        assert!(
            doc.entities
                .iter()
                .any(|e| e.label == "ORG" && e.mentions.iter().any(|m| m.text == name)),
            "{name} is no ORG mention of the extractor"
        );
    }
}

#[test]
fn a_title_case_headline_never_cuts_a_body_mention_short() {
    let body_alone = spans_from(OKAFOR_BODY, 0);
    // "Mayor Ruth Okafor said": the tagger may keep the title, the
    // extractor drops it.
    assert!(
        body_alone
            .iter()
            .any(|&(start, end, label)| start <= 6 && end == 17 && label == "PERSON"),
        "the body alone has Ruth Okafor: {body_alone:?}"
    );
    for headline in [
        "Mayor Ruth Okafor Unveils Transit Plan",
        "Okafor Bets the City on Buses",
        "Ruth Okafor's Transit Gamble Faces a Skeptical Council",
        "Council Balks at Mayor Okafor's Parking Levy",
    ] {
        let text = format!("{headline}\n\n{OKAFOR_BODY}");
        let body_starts = headline.len() + 2;
        assert_eq!(spans_from(&text, body_starts), body_alone, "{headline}");

        let doc = extract("okafor.txt", &text);
        let okafor = doc
            .entities
            .iter()
            .find(|e| e.label == "PERSON" && e.name == "Ruth Okafor")
            .unwrap_or_else(|| panic!("no Ruth Okafor under {headline:?}"));
        let in_body: Vec<&str> = okafor
            .mentions
            .iter()
            .filter(|m| m.start >= body_starts)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(
            in_body,
            ["Ruth Okafor", "Okafor", "Ruth Okafor"],
            "{headline}"
        );
    }
}
