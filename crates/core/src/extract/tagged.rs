//! Entity mentions from the trained tagger, fitted to the rules' view of
//! names, and completed by the rules: the tagger decides where names are
//! and what they are; a name the rules find where the tagger saw none is
//! kept too, since a reviewer deletes a wrong tag faster than she adds a
//! missing one.

use super::entities::{Mention, find_mentions};
use super::words::{Words, class};
use crate::model::EntityLabel;
use crate::tagger::TaggedSpan;
use crate::tagger::features::lower_hash;
use crate::tagger::gazetteer::Gazetteer;
use crate::tagger::lists::ListKind;

/// The tagger's mentions (`tagged`), and the people the rules find where it
/// found none; `gazetteer` (the tagger's) tells which words are common in
/// lower case.
pub fn find_mentions_tagged(
    tagged: Vec<TaggedSpan>,
    words: &Words,
    gazetteer: &Gazetteer,
) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = tagged
        .into_iter()
        .filter_map(|s| fit_person(words, s.start, s.end, s.label, gazetteer))
        .collect();
    // The tagger's spans come in text order and do not overlap, so the
    // first one ending after a rule mention's start is the only one that
    // can overlap it.
    let tagged = mentions.len();
    for rule in find_mentions(words) {
        let next = mentions[..tagged].partition_point(|m| m.end <= rule.start);
        let free = mentions[..tagged]
            .get(next)
            .is_none_or(|m| rule.end <= m.start);
        // The rules know people (given names, titles) better than they
        // know organisations and other names; only their people fill gaps,
        // and only with some sign of a person.
        if free && rule.label == EntityLabel::Person && looks_like_a_person(words, &rule, gazetteer)
        {
            mentions.push(rule);
        }
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    drop_headline_guesses(words.text, &mut mentions);
    mentions
}

/// Whether a person the rules found where the tagger found nothing shows a
/// sign of one: a given name in it, a title or role before it ("Mayor
/// Okafor"), or a speech verb after it ("Cotti said"). A bare run of
/// capitalised words ("Financial Data", "Factory") is not enough, nor is
/// text in capitals ("SURE BID"), where every word looks like a name, nor
/// a single word that is most likely no name: see [`no_name_alone`].
fn looks_like_a_person(words: &Words, mention: &Mention, gazetteer: &Gazetteer) -> bool {
    let Some((first, end)) = words.tokens_of((mention.start, mention.end)) else {
        return false;
    };
    if !words.text[mention.start..mention.end].contains(char::is_lowercase) {
        return false;
    }
    let title_before = first > 0 && words.is(first - 1, class::TITLE | class::ROLE);
    if end == first + 1 && !title_before && no_name_alone(words, first, gazetteer) {
        return false;
    }
    (first..end).any(|i| words.is(i, class::FIRST_NAME))
        || title_before
        || end < words.token_count() && words.is(end, class::SPEECH | class::COGNITION)
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether word `i`, standing alone, is most likely no person though a
/// speech verb follows it: a day ("on Friday announced"), a month after a
/// word in lower case ("in May said"; "May said" and "Theresa May" stay
/// people), or a sentence's first word that news writes in lower case and
/// no name list has, also right after the quotation mark that opens it
/// ("Traders said", "“Everybody believes …”"; "Young said" stays).
fn no_name_alone(words: &Words, i: usize, gazetteer: &Gazetteer) -> bool {
    let word = words.word(i);
    if words.is(i, class::FIRST_NAME) {
        return false;
    }
    let lower_case_before = i > 0 && words.word(i - 1).starts_with(char::is_lowercase);
    let lower = lower_hash(word);
    let common_word = words.opens_sentence(i)
        && gazetteer.is_common_word(lower)
        && !gazetteer.is_listed(lower, ListKind::Surname)
        && !gazetteer.is_listed(lower, ListKind::GivenName);
    WEEKDAYS.contains(&word) || MONTHS.contains(&word) && lower_case_before || common_word
}

/// A headline in title case ("Stealth Over Health: Clinton Was Headed to
/// ER") capitalises every word, which the tagger reads as names. There a
/// name is kept only as far as the article repeats it below ("Clinton Was
/// Headed" → "Clinton"); real names in headlines nearly always come back.
fn drop_headline_guesses(text: &str, mentions: &mut Vec<Mention>) {
    let Some(end) = title_case_headline(text) else {
        return;
    };
    let body = &text[end..];
    mentions.retain_mut(|m| {
        if m.start >= end {
            return true;
        }
        match repeated_part(&text[m.start..m.end], body) {
            Some((from, to)) => {
                (m.start, m.end) = (m.start + from, m.start + to);
                true
            }
            None => false,
        }
    });
}

/// `name` itself, or else the longest run of its words at its start or end,
/// that `body` holds as a name (see [`holds_name`]), as a byte range of `name`.
fn repeated_part(name: &str, body: &str) -> Option<(usize, usize)> {
    if holds_name(body, name) {
        return Some((0, name.len()));
    }
    let word_ends: Vec<usize> = name
        .char_indices()
        .filter(|&(i, c)| {
            c.is_alphanumeric() && !name[i + c.len_utf8()..].starts_with(char::is_alphanumeric)
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let word_starts: Vec<usize> = name
        .char_indices()
        .filter(|&(i, c)| c.is_alphanumeric() && !name[..i].ends_with(char::is_alphanumeric))
        .map(|(i, _)| i)
        .collect();
    let prefixes = word_ends.iter().rev().map(|&e| (0, e));
    let suffixes = word_starts.iter().skip(1).map(|&s| (s, name.len()));
    let mut candidates: Vec<(usize, usize)> = prefixes.chain(suffixes).collect();
    candidates.sort_by_key(|&(a, b)| std::cmp::Reverse(b - a));
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    candidates.into_iter().find(|&(a, b)| {
        let part = &name[a..b];
        let last_word = part
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty());
        capitalised(part) && last_word.is_some_and(capitalised) && holds_name(body, part)
    })
}

/// `body` holds `words` as whole words; a single word must also stand
/// inside a sentence, where its capital marks a name ("The" at a sentence
/// start says nothing), and never be written in lower case ("climate").
fn holds_name(body: &str, words: &str) -> bool {
    let one_word = !words.contains(char::is_whitespace);
    if one_word && holds_words(body, &words.to_lowercase()) {
        return false;
    }
    holds_words_where(body, words, one_word)
}

fn holds_words(body: &str, words: &str) -> bool {
    holds_words_where(body, words, false)
}

/// `body` holds `words` with no letter or digit right before or after, and,
/// if `inside_sentence`, after a word or a comma rather than a full stop.
fn holds_words_where(body: &str, words: &str, inside_sentence: bool) -> bool {
    body.match_indices(words).any(|(at, _)| {
        let before = body[..at].trim_end();
        let whole = !body[..at].ends_with(char::is_alphanumeric)
            && !body[at + words.len()..].starts_with(char::is_alphanumeric);
        let mid_sentence = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || ",;:(–—-".contains(c));
        whole && (!inside_sentence || mid_sentence)
    })
}

/// Where the first line ends, when it is a headline in title case: all of
/// its longer words start with a capital and go on in lower case (a
/// headline in capitals, as in CoNLL, tells nothing this way and is left
/// to the tagger, which learnt those).
fn title_case_headline(text: &str) -> Option<usize> {
    let end = text.find('\n')?;
    let words: Vec<&str> = text[..end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let title_case = words
        .iter()
        .filter(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        })
        .count();
    // Every longer word: a sentence full of names ("Mayor Lisa Wong spoke
    // on Friday") still has a verb in lower case.
    (words.len() >= 3 && title_case == words.len()).then_some(end)
}

/// News writes people behind their titles ("Secretary of State Antony
/// Blinken", "Mayor Lisa Wong"); a tagger trained on CoNLL, where titles
/// are rare, takes such runs for organisations or keeps the title in the
/// name. The person is the part from the first given name on, or what
/// follows the last title word; the title is no part of any mention.
/// `gazetteer` tells a title that is a surname too ("King", "Judge").
fn fit_person(
    words: &Words,
    start: usize,
    end: usize,
    label: EntityLabel,
    gazetteer: &Gazetteer,
) -> Option<Mention> {
    let first = words.tokens.partition_point(|t| t.start < start);
    let last = words.tokens.partition_point(|t| t.end <= end);
    let (first, last) = (first.min(last), last.min(words.token_count()));
    let mention = |a: usize, label| Mention {
        start: words.tokens[a].start,
        end,
        label,
    };
    if first >= last {
        return Some(Mention { start, end, label });
    }
    // A given name that ends a place is part of it ("St Louis", "San
    // Jose", "Fort Wayne"); in other names it most often is a person
    // named by a given name alone ("Fox News' Megyn", "Lyin' Ted").
    let ends_a_place = |given: usize| label == EntityLabel::Loc && given + 1 == last;
    if let Some(given) = (first + 1..last).find(|&i| words.is(i, class::FIRST_NAME))
        && !words.is(given - 1, class::FIRST_NAME)
        && (first..given).any(|i| {
            words.is(i, class::TITLE | class::ROLE)
                || (label != EntityLabel::Person && !ends_a_place(given))
        })
    {
        return Some(mention(given, EntityLabel::Person));
    }
    if label == EntityLabel::Person {
        // A title stands before the name it goes with; a title word that
        // ends a name and is on the surname list is the surname ("Billie
        // Jean King", "Rep. King", "Patty Judge"; not "Mr.").
        let surname_last = gazetteer.is_listed(lower_hash(words.word(last - 1)), ListKind::Surname);
        let titles_end = if surname_last { last - 1 } else { last };
        let after_title = (first..titles_end)
            .rev()
            .find(|&i| words.is(i, class::TITLE | class::ROLE))
            .map_or(first, |t| t + 1);
        return (after_title < last).then(|| mention(after_title, EntityLabel::Person));
    }
    Some(Mention { start, end, label })
}
