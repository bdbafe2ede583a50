//! Name lists from outside the training text: given names, surnames, places
//! and companies from openly licensed packages (`assets/ner/lists/`, built
//! by `tools/build_name_lists.py`), and the titles, nationalities and
//! organisation words of the rules' lexicon. The gazetteer takes them in
//! when a model is trained, so that the tagger knows names CoNLL-2003 never
//! showed it; which source each list comes from is in its file's header and
//! in `docs/tagger.md`.

/// What a list says of the names on it; each is a bit of a gazetteer entry
/// and a value of the list features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    GivenName,
    Surname,
    Place,
    Company,
    Nationality,
    Title,
    OrgWord,
    LocWord,
}

impl ListKind {
    pub const ALL: [ListKind; 8] = [
        ListKind::GivenName,
        ListKind::Surname,
        ListKind::Place,
        ListKind::Company,
        ListKind::Nationality,
        ListKind::Title,
        ListKind::OrgWord,
        ListKind::LocWord,
    ];
}

/// The lists that ship with the program, one `(kind, file text)` each.
const BUNDLED: [(ListKind, &str); 8] = [
    (
        ListKind::GivenName,
        include_str!("../../assets/ner/lists/given_names.txt"),
    ),
    (
        ListKind::Surname,
        include_str!("../../assets/ner/lists/surnames.txt"),
    ),
    (
        ListKind::Place,
        include_str!("../../assets/ner/lists/places.txt"),
    ),
    (
        ListKind::Company,
        include_str!("../../assets/ner/lists/organisations.txt"),
    ),
    (
        ListKind::Nationality,
        include_str!("../../assets/lexicon/nationalities.txt"),
    ),
    (
        ListKind::Title,
        include_str!("../../assets/lexicon/titles.txt"),
    ),
    (
        ListKind::OrgWord,
        include_str!("../../assets/lexicon/org_words.txt"),
    ),
    (
        ListKind::LocWord,
        include_str!("../../assets/lexicon/loc_words.txt"),
    ),
];

/// Every name of the bundled lists with its kind. Lines are names; `#`
/// starts a comment line; `|` separates other forms of the same name (the
/// lexicon's "American | Americans").
pub fn bundled_names() -> impl Iterator<Item = (ListKind, &'static str)> {
    BUNDLED.into_iter().flat_map(|(kind, text)| {
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .flat_map(|line| line.split('|'))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(move |name| (kind, name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_holds_names_and_no_comment() {
        for kind in ListKind::ALL {
            let names: Vec<&str> = bundled_names()
                .filter(|&(k, _)| k == kind)
                .map(|(_, n)| n)
                .collect();
            assert!(names.len() > 5, "{kind:?} has {} names", names.len());
            assert!(names.iter().all(|n| !n.starts_with('#')), "{kind:?}");
        }
        let has = |kind, name| bundled_names().any(|(k, n)| k == kind && n == name);
        assert!(has(ListKind::Place, "Toronto"));
        assert!(has(ListKind::Surname, "Smith"));
        assert!(has(ListKind::Nationality, "Americans"));
    }
}
