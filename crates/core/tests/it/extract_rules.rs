//! The extractor's rules, one phenomenon at a time, on short hand-written
//! texts.

use proptest::prelude::*;
use quotecheck_core::extract::extract;
use quotecheck_core::format::validate;
use quotecheck_core::model::{Annotations, EntityLabel, Quote, QuoteKind};

fn quotes(text: &str) -> Annotations {
    let doc = extract("test.txt", text);
    assert_eq!(
        validate(&doc),
        Vec::<String>::new(),
        "invalid file for {text:?}"
    );
    doc
}

fn contents(q: &Quote) -> Vec<&str> {
    q.content.iter().map(|s| s.text.as_str()).collect()
}

fn source(q: &Quote) -> Option<&str> {
    q.source.as_ref().map(|s| s.text.as_str())
}

fn speaker<'d>(doc: &'d Annotations, q: &Quote) -> Option<&'d str> {
    doc.entity_name(q.speaker.as_deref()?)
}

/// The source phrase of the one quote of `kind` found in `text`.
fn source_of_only(text: &str, kind: QuoteKind) -> Option<String> {
    source(only(&quotes(text), kind)).map(str::to_owned)
}

fn assert_partial_source(text: &str, expected: &str) {
    assert_eq!(
        source_of_only(text, QuoteKind::Partial).as_deref(),
        Some(expected),
        "{text}"
    );
}

/// The one quote of `kind` in `doc`.
fn only(doc: &Annotations, kind: QuoteKind) -> &Quote {
    let of_kind: Vec<&Quote> = doc.quotes.iter().filter(|q| q.kind == kind).collect();
    assert_eq!(of_kind.len(), 1, "{:#?}", doc.quotes);
    of_kind[0]
}

#[test]
fn a_quote_split_by_its_attribution_is_one_quote_with_two_spans() {
    let doc = quotes("“When I use a word,” Humpty Dumpty said, “it means just what I choose.”");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(
        contents(q),
        ["“When I use a word,”", "“it means just what I choose.”"]
    );
    assert_eq!(source(q), Some("Humpty Dumpty"));
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
}

#[test]
fn a_quote_over_two_paragraphs_is_one_quote() {
    let text = "Maria Lopez said: “We came here with nothing.\n\n“Now we have a school and a clinic.”\n\nThe town voted on Monday.";
    let doc = quotes(text);
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(
        contents(q),
        [
            "“We came here with nothing.",
            "“Now we have a school and a clinic.”"
        ]
    );
    assert_eq!(source(q), Some("Maria Lopez"));
}

#[test]
fn a_few_quoted_words_in_the_writers_sentence_are_a_partial_quote() {
    let doc = quotes("Senator John Reed called the budget deal a “disgrace” on Monday.");
    let q = only(&doc, QuoteKind::Partial);
    assert_eq!(contents(q), ["“disgrace”"]);
    assert_eq!(speaker(&doc, q), Some("John Reed"));
}

#[test]
fn single_quotes_nested_in_double_ones_stay_in_the_quote() {
    let doc = quotes("“He told me, ‘Never again,’ and left,” Anna Berg said.");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(contents(q), ["“He told me, ‘Never again,’ and left,”"]);
    assert_eq!(source(q), Some("Anna Berg"));
}

#[test]
fn scare_quotes_and_titles_are_no_quotes() {
    let doc = quotes(
        "The so-called “reform” passed. Critics watched “Saturday Night Live” instead of the vote.",
    );
    assert!(doc.quotes.is_empty(), "{:#?}", doc.quotes);
}

#[test]
fn the_speaker_may_follow_the_cue() {
    let doc = quotes("“We will appeal,” said Thomas Grant, the lawyer for the family.");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Thomas Grant"));
    assert_eq!(speaker(&doc, q), Some("Thomas Grant"));
}

#[test]
fn an_apposition_between_speaker_and_cue_is_skipped() {
    let doc = quotes("“No comment,” Karen Hill, a spokeswoman for the Interior Ministry, said.");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Karen Hill"));
    assert_eq!(speaker(&doc, q), Some("Karen Hill"));
}

#[test]
fn a_surname_that_is_a_function_word_is_the_source() {
    // George Will's column: "Will" is an auxiliary verb too, yet here it
    // names the writer.
    let doc = quotes(
        "Columnist George Will has had enough of his party.\n\n\
         “The party will not survive this nominee,” Will wrote on Sunday.\n",
    );
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Will"));
    assert_eq!(speaker(&doc, q), Some("George Will"));
    // Nor is "May" a word to step over between speaker and cue, as "may"
    // is in "she may say": the quote is hers, whole.
    let doc = quotes(
        "Theresa May spoke in London.\n\n\
         “Brexit means Brexit,” May said on Monday.\n",
    );
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("May"));
    assert_eq!(speaker(&doc, q), Some("Theresa May"));
}

#[test]
fn pronouns_and_role_nouns_resolve_to_the_person_named_before() {
    let text = "Secretary of State Antony Blinken arrived in Kyiv on Monday.\n\
                “We stand with Ukraine,” he said.\n\
                The secretary said the aid would arrive within days.";
    let doc = quotes(text);
    let direct = only(&doc, QuoteKind::Direct);
    assert_eq!(source(direct), Some("he"));
    assert_eq!(speaker(&doc, direct), Some("Antony Blinken"));
    let reported = only(&doc, QuoteKind::Indirect);
    assert_eq!(source(reported), Some("The secretary"));
    assert_eq!(contents(reported), ["the aid would arrive within days"]);
    assert_eq!(speaker(&doc, reported), Some("Antony Blinken"));
}

#[test]
fn unnamed_sources_have_no_speaker() {
    let doc = quotes("Western officials say the troops never left the border.");
    let q = only(&doc, QuoteKind::Indirect);
    assert_eq!(source(q), Some("Western officials"));
    assert_eq!(contents(q), ["the troops never left the border"]);
    assert_eq!(q.speaker, None);
}

#[test]
fn straight_and_curly_quotes_give_the_same_quotes() {
    let curly = quotes("“It is over,” Paul Simon said.");
    let straight = quotes("\"It is over,\" Paul Simon said.");
    for doc in [&curly, &straight] {
        let q = only(doc, QuoteKind::Direct);
        assert_eq!(q.content[0].start, 0);
        assert_eq!(q.content[0].end, 13);
        assert_eq!(source(q), Some("Paul Simon"));
    }
}

#[test]
fn windows_line_endings_keep_offsets_right() {
    let text = "Mayor Lisa Wong spoke on Friday.\r\n\r\n“The bridge opens in May,” Wong said.\r\n";
    let doc = quotes(text);
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(contents(q), ["“The bridge opens in May,”"]);
    assert_eq!(speaker(&doc, q), Some("Lisa Wong"));
}

#[test]
fn offsets_count_chars_after_emoji_and_accents() {
    let text = "Café 👍 José Martí dijo.\n“Ça va très bien,” José Martí said.";
    let doc = quotes(text);
    let q = only(&doc, QuoteKind::Direct);
    let chars: Vec<char> = text.chars().collect();
    let span = &q.content[0];
    let covered: String = chars[span.start..span.end].iter().collect();
    assert_eq!(covered, "“Ça va très bien,”");
    assert_eq!(source(q), Some("José Martí"));
}

#[test]
fn a_speaker_named_before_a_colon_introduces_the_next_paragraph() {
    let doc = quotes("Ted Cruz continued:\n\n“You look at the questions and you see the bias.”");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Ted Cruz"));
}

/// Regression: a name the tagger ran into an opening quote mark ended
/// after the quote began, and guessing the speaker of the unattributed
/// quote subtracted past zero (a panic on this article).
#[test]
fn a_name_running_into_a_quote_mark_is_no_speaker_before_it() {
    let doc = extract("t.txt", "A.‘,“!a,A?a\ra");
    assert_eq!(validate(&doc), Vec::<String>::new());
}

proptest! {
    // Whatever the text, the file is valid: every span inside the text and
    // equal to what it covers.
    #[test]
    fn any_text_gives_a_valid_file(text in "[ a-zA-Zé👍“”\"‘’',.:?!\n\r]{0,200}") {
        let doc = extract("any.txt", &text);
        prop_assert_eq!(validate(&doc), Vec::<String>::new());
    }

    #[test]
    fn any_quote_soup_gives_a_valid_file(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("“"), Just("”"), Just("\""), Just(" he said"), Just(", "),
                Just("Anna Berg said"), Just(". "), Just("\n\n"), Just("that "),
                Just("The secretary"), Just(" according to "), Just("é👍"),
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        let doc = extract("soup.txt", &text);
        prop_assert_eq!(validate(&doc), Vec::<String>::new());
    }
}

#[test]
fn a_name_and_a_colon_attribute_the_quote() {
    let doc =
        quotes("Jeb Bush and Hillary Clinton differ.\n\nBush: “The mission is to destroy ISIS.”");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Bush"));
    assert_eq!(speaker(&doc, q), Some("Jeb Bush"));
}

#[test]
fn a_signature_after_a_dash_names_the_speaker() {
    let doc = quotes("“The most unqualified child to ever run for president.” ― Francisco Herrero");
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Francisco Herrero"));
}

#[test]
fn reported_speech_may_end_with_its_attribution() {
    let doc = quotes("The economy is strong and growing, the minister said.");
    let q = only(&doc, QuoteKind::Indirect);
    assert_eq!(contents(q), ["The economy is strong and growing"]);
    assert_eq!(source(q), Some("the minister"));
}

#[test]
fn according_to_attributes_the_rest_of_the_sentence() {
    let doc = quotes("According to officials, the talks collapsed late on Tuesday.");
    let q = only(&doc, QuoteKind::Indirect);
    assert_eq!(contents(q), ["the talks collapsed late on Tuesday"]);
    assert_eq!(source(q), Some("officials"));
    assert_eq!(
        q.cue.as_ref().map(|c| c.text.as_str()),
        Some("According to")
    );
}

#[test]
fn a_quote_without_any_attribution_goes_to_the_person_named_just_before() {
    let text = "At the council meeting on Monday, most of the questions went to Maria Lopez.\n\n\
                “Nobody in this town has ever asked us what we need.”";
    let doc = quotes(text);
    let q = only(&doc, QuoteKind::Direct);
    assert_eq!(source(q), Some("Maria Lopez"));
    assert_eq!(speaker(&doc, q), Some("Maria Lopez"));
}

#[test]
fn a_pronoun_after_what_or_a_cue_gives_way_to_the_sentence_subject() {
    // PolNeAR reads the whole object as what the subject condemned or said
    // (a mixed quote); either way its source is the subject, not the
    // pronoun.
    let text =
        "Mayor Ellen Park condemned what she called a “reckless gamble” with the city budget.";
    let doc = quotes(text);
    let gamble = holding(&doc, "reckless gamble");
    assert_eq!(source(gamble), Some("Mayor Ellen Park"));
    assert_eq!(speaker(&doc, gamble), Some("Ellen Park"));
    let text = "Acme Shipping condemned what it called “a reckless provocation” on Friday.";
    let doc = quotes(text);
    assert_eq!(
        source(holding(&doc, "reckless provocation")),
        Some("Acme Shipping")
    );
    let text = "Tom Reyes said he remembered thinking, “This cannot be happening to us.”";
    let doc = quotes(text);
    assert_eq!(
        source(holding(&doc, "cannot be happening")),
        Some("Tom Reyes")
    );
}

/// The quote whose content holds `words`.
fn holding<'d>(doc: &'d Annotations, words: &str) -> &'d Quote {
    doc.quotes
        .iter()
        .find(|q| contents(q).iter().any(|c| c.contains(words)))
        .unwrap_or_else(|| panic!("no quote holds {words:?}: {:#?}", doc.quotes))
}

#[test]
fn a_participle_cue_after_a_comma_belongs_to_the_sentence_subject() {
    let text = "Senator Ana Ruiz spoke out Tuesday about the flooding in Dayton, Ohio, \
                arguing that the delays should be treated as “unacceptable.”";
    let doc = quotes(text);
    // "spoke out" may be a cue of its own; the one of "arguing" is asked of.
    let arguing = doc
        .quotes
        .iter()
        .find(|q| q.cue.as_ref().is_some_and(|c| c.text == "arguing"))
        .unwrap_or_else(|| panic!("no quote with the cue \"arguing\": {:#?}", doc.quotes));
    assert_eq!(source(arguing), Some("Senator Ana Ruiz"));
}

#[test]
fn words_inside_the_quote_are_never_its_source() {
    let text = "“The plan is a mistake. They are wrong about all of it,” said 9/11 widow Dana Kim.";
    assert_ne!(
        source_of_only(text, QuoteKind::Direct).as_deref(),
        Some("They")
    );
}

#[test]
fn a_cue_word_used_as_a_noun_is_no_cue() {
    // After "a" and a name: the tweet is what was described, not a cue.
    let text = "Ana Ruiz is describing as “reckless” a Tom Hale tweet about the port.";
    assert_partial_source(text, "Ana Ruiz");
}

#[test]
fn the_possessor_of_a_claim_is_its_speaker() {
    let text = "Reporters checked Maria Lopez’s claim that the bridge was “falling apart” before the vote.";
    assert_partial_source(text, "Maria Lopez’s");
}

#[test]
fn a_statement_issued_speaks_for_whoever_issued_it() {
    // One quote holds the quoted words (the model reads "calling the plan
    // “…”" as the statement's mixed quote, and leaves the quoted words no
    // partial quote of their own), and it speaks for the council.
    let text = "The city council issued a statement calling the plan “a betrayal of trust.”";
    let doc = quotes(text);
    let holding: Vec<&Quote> = doc
        .quotes
        .iter()
        .filter(|q| contents(q).iter().any(|c| c.contains("betrayal")))
        .collect();
    assert_eq!(holding.len(), 1, "{:#?}", doc.quotes);
    assert_eq!(source(holding[0]), Some("The city council"), "{text}");
}

#[test]
fn a_subject_no_rule_can_name_is_the_words_before_the_cue() {
    let text =
        "Only 40 percent of local voters agreed that the mayor was “doing a good job” this year.";
    assert_partial_source(text, "Only 40 percent of local voters");
}

#[test]
fn a_title_case_headline_keeps_only_the_names_the_article_repeats() {
    let text = "Budget Blues: Ruth Miller Was Pushed to Cut Parks But Refused to Close Old Libraries.\n\
                The budget of Lakeview will be balanced by March, Ruth Miller said on Monday. \
                Council member Tim Brandt disagreed: “The storm season will cost more.”\n";
    let doc = extract("headline.txt", text);
    let headline_end = text.find('\n').unwrap();
    let in_headline: Vec<&str> = doc
        .entities
        .iter()
        .flat_map(|e| &e.mentions)
        .filter(|m| m.end <= headline_end)
        .map(|m| m.text.as_str())
        .collect();
    // Capitalised by the headline only: "Blues", "Parks But Refused",
    // "Libraries" are no names here.
    assert_eq!(in_headline, ["Ruth Miller"], "{:?}", doc.entities);

    // A sentence-case first line is left to the tagger as any sentence.
    let plain = "Council member Tim Brandt wants a vote.\nBrandt said so on Monday.\n";
    let doc = extract("plain.txt", plain);
    assert!(
        doc.entities.iter().any(|e| e.name == "Tim Brandt"),
        "{:?}",
        doc.entities
    );
}

/// A "sentence" that runs for thousands of words (text with no full stops,
/// every word a speech verb) gives no quote longer than content ever is:
/// that bound keeps extraction linear in the length of such a text, where
/// each cue once took the rest of the sentence (20,000 words: 20 s and
/// 250 MB of output).
///
/// The same holds where the rules read the reported clause ("X said …",
/// "said X, …", "A told B …" running on), which took the rest of the
/// sentence for every cue too (100,000 "X said ": 12 s).
#[test]
fn content_outside_quotation_marks_stays_a_sentence_long_in_endless_text() {
    for piece in [
        "said ",
        "X said ",
        "said X, ",
        "The A of B said that C told D ",
    ] {
        let doc = extract("endless.txt", &piece.repeat(3000));
        assert!(validate(&doc).is_empty());
        assert!(!doc.quotes.is_empty(), "{piece:?}: cues are still read");
        let longest = (doc.quotes.iter())
            .flat_map(|q| &q.content)
            .map(|c| c.text.split_whitespace().count())
            .max()
            .unwrap_or(0);
        assert!(longest <= 200, "{piece:?}: a content of {longest} words");
    }
}

#[test]
fn a_place_that_ends_in_a_given_name_is_no_person() {
    // "Louis", "Antonio", "Wayne" and "Jose" are given names; the places
    // they end are still places, where a run with a surname after the
    // given name is still cut to its person.
    let text = "The company moved its headquarters to St. Louis last year.\n\
                Officials in San Antonio said the plan was sound, and Fort Wayne agreed.\n\
                Democrat Hillary Clinton said she would visit San Jose on Friday.\n";
    let doc = quotes(text);
    let places: Vec<&str> = (doc.entities.iter())
        .filter(|e| e.label == EntityLabel::Loc.as_str())
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        places,
        ["St. Louis", "San Antonio", "Fort Wayne", "San Jose"]
    );
    assert_eq!(people(text), ["Hillary Clinton"]);
}

#[test]
fn a_surname_that_is_also_a_title_is_kept() {
    // "King" is a title ("King Charles") and a surname: at the end of a
    // name, and alone, it is the surname.
    let text = "U.S. captain Billie Jean King said the team was ready for the final.\n\
                King, who led the side in 1990, added that nobody was injured.\n\
                Rep. Steve King of Iowa said he would vote against the bill.\n";
    let doc = quotes(text);
    let person = |name: &str| {
        (doc.entities.iter())
            .find(|e| e.name == name && e.label == EntityLabel::Person.as_str())
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|m| m.text.as_str())
                    .collect::<Vec<_>>()
            })
    };
    assert_eq!(
        person("Billie Jean King"),
        Some(vec!["Billie Jean King", "King"])
    );
    assert_eq!(person("Steve King"), Some(vec!["Steve King"]));
}

/// The people `extract` finds in `text`, by name.
fn people(text: &str) -> Vec<String> {
    quotes(text)
        .entities
        .iter()
        .filter(|e| e.label == EntityLabel::Person.as_str())
        .map(|e| e.name.clone())
        .collect()
}

#[test]
fn a_day_a_month_or_a_common_word_before_a_speech_verb_is_no_person() {
    // A speech verb after a capitalised word is a sign of a person, but
    // not after a day, a month after a preposition, or a sentence's first
    // word that news writes in lower case.
    let text = "The ministry on Friday announced new tariffs on steel.\n\
                The union in March said the strike would go on.\n\
                Traders said prices fell sharply after the news.\n\
                “Everybody believes in the plan until they start losing,” he said.\n";
    assert_eq!(people(text), Vec::<String>::new());
    // A surname that is a common word stays a person: "Young said".
    let text = "The hearing ran late into the night.\n\
                Young said the committee would meet again on Tuesday.\n";
    assert_eq!(people(text), ["Young"]);
}
