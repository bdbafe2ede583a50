//! The word lists in `assets/lexicon/`, compiled in and parsed once.
//!
//! Every list is one entry a line with `#` comments, so a linguist can extend
//! it without touching code. Lookups are by lowercase word.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::words::class;

/// Which list of names a word comes from: places or nationalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameList {
    Place,
    Nationality,
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referent {
    Person,
    Group,
    Thing,
}

pub struct Lexicon {
    /// The word classes ([`class`] bits) of every listed word, lowercase:
    /// one lookup a token however many lists there are. Verbs come with
    /// all their inflections ("said", "says", "saying").
    pub word_classes: HashMap<String, u32>,
    pub pronouns: HashMap<String, Referent>,
    /// Given names, as written (case matters: "Rush" the name, "rush" no).
    pub first_names: HashSet<String>,
    /// Places and nationalities by their written form, each with its
    /// canonical name (the first name on its line).
    pub names: HashMap<String, (NameList, String)>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let pronouns = pronouns(include_str!("../../assets/lexicon/pronouns.txt"));
    let lists = [
        (
            inflected(include_str!("../../assets/lexicon/speech_verbs.txt")),
            class::SPEECH,
        ),
        (
            inflected(include_str!("../../assets/lexicon/cognition_verbs.txt")),
            class::COGNITION,
        ),
        (
            inflected(include_str!("../../assets/lexicon/naming_verbs.txt")),
            class::NAMING,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/titles.txt")),
            class::TITLE,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/role_nouns.txt")),
            class::ROLE,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/org_words.txt")),
            class::ORG_WORD,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/loc_words.txt")),
            class::LOC_WORD,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/function_words.txt")),
            class::FUNCTION,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/bridge_words.txt")),
            class::BRIDGE,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/clause_starters.txt")),
            class::CLAUSE_START,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/statement_nouns.txt")),
            class::STATEMENT,
        ),
        (
            lowercase_set(include_str!("../../assets/lexicon/speech_nouns.txt")),
            class::SPEECH_NOUN,
        ),
        (pronouns.keys().cloned().collect(), class::PRONOUN),
    ];
    let mut word_classes: HashMap<String, u32> = HashMap::new();
    for (words, bit) in lists {
        for word in words {
            *word_classes.entry(word).or_default() |= bit;
        }
    }
    Lexicon {
        word_classes,
        pronouns,
        first_names: entries(include_str!("../../assets/lexicon/first_names.txt"))
            .map(str::to_owned)
            .collect(),
        names: name_lists(&[
            (
                NameList::Place,
                include_str!("../../assets/lexicon/places.txt"),
            ),
            (
                NameList::Nationality,
                include_str!("../../assets/lexicon/nationalities.txt"),
            ),
        ]),
    }
});

/// The non-empty, non-comment lines of a list, trimmed.
fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

fn lowercase_set(list: &str) -> HashSet<String> {
    entries(list).map(str::to_lowercase).collect()
}

fn pronouns(list: &str) -> HashMap<String, Referent> {
    entries(list)
        .filter_map(|line| {
            let (word, kind) = line.split_once(char::is_whitespace)?;
            let referent = match kind.trim() {
                "person" => Referent::Person,
                "group" => Referent::Group,
                _ => Referent::Thing,
            };
            Some((word.to_lowercase(), referent))
        })
        .collect()
}

fn name_lists(lists: &[(NameList, &str)]) -> HashMap<String, (NameList, String)> {
    let mut names = HashMap::new();
    for &(kind, list) in lists {
        for line in entries(list) {
            let mut forms = line.split('|').map(str::trim).filter(|f| !f.is_empty());
            let Some(canonical) = forms.next() else {
                continue;
            };
            names.insert(canonical.to_owned(), (kind, canonical.to_owned()));
            for form in forms {
                names.insert(form.to_owned(), (kind, canonical.to_owned()));
            }
        }
    }
    names
}

/// Every form of each verb of `list`: the lemma, the forms the file lists
/// after `|`, and the regular -s, -ed and -ing forms.
fn inflected(list: &str) -> HashSet<String> {
    let mut forms = HashSet::new();
    for line in entries(list) {
        let (lemma, irregular) = line.split_once('|').unwrap_or((line, ""));
        let lemma = lemma.trim().to_lowercase();
        forms.extend(irregular.split_whitespace().map(str::to_lowercase));
        forms.extend(regular_forms(&lemma));
        forms.insert(lemma);
    }
    forms
}

/// The third person, past and -ing forms of a regular English verb.
pub fn regular_forms(lemma: &str) -> [String; 3] {
    let consonant_y = lemma.ends_with('y')
        && !lemma
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c));
    let stem_y = || &lemma[..lemma.len() - 1];
    let third = if consonant_y {
        format!("{}ies", stem_y())
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if consonant_y {
        format!("{}ied", stem_y())
    } else if lemma.ends_with('e') {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    };
    let ing = if lemma.ends_with('e') && !lemma.ends_with("ee") && lemma.len() > 2 {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    };
    [third, past, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_verbs() {
        assert_eq!(regular_forms("argue"), ["argues", "argued", "arguing"]);
        assert_eq!(regular_forms("deny"), ["denies", "denied", "denying"]);
        assert_eq!(
            regular_forms("stress"),
            ["stresses", "stressed", "stressing"]
        );
        assert_eq!(regular_forms("say"), ["says", "sayed", "saying"]);
    }

    #[test]
    fn lists_load_with_irregular_forms() {
        let lex = &*LEXICON;
        for form in ["said", "told", "wrote", "admitted", "warns", "conceded"] {
            let bits = lex.word_classes.get(form).copied().unwrap_or(0);
            assert!(bits & class::SPEECH != 0, "{form} missing");
        }
        assert_eq!(
            lex.names.get("U.S.").map(|(_, c)| c.as_str()),
            Some("United States")
        );
        assert!(lex.first_names.contains("Antony"));
    }
}
