//! Whatever text an article holds, the tagger answers with spans that lie on
//! char boundaries, in order, without overlapping, and never panics.

use proptest::prelude::*;
use quotecheck_core::tagger::Tagger;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_are_ordered_char_aligned_and_disjoint(
        text in r#"([A-Z][a-z]{0,8}|[a-z]{1,8}|[“”’'".,!?\- ]|\n|Ünal|東京|👍){0,40}"#,
    ) {
        let spans = Tagger::bundled().tag(&text);
        let mut previous_end = 0;
        for span in &spans {
            prop_assert!(span.start < span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(span.start >= previous_end);
            // A name neither begins nor ends with a comma or a quote mark.
            let name = &text[span.start..span.end];
            let stray = |c: Option<char>| c.is_some_and(|c| ",;:!?\"“”‘’".contains(c));
            prop_assert!(!stray(name.chars().next()) && !stray(name.chars().last()), "{:?}", name);
            previous_end = span.end;
        }
    }
}
