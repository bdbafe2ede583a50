//! Span-level exact-match precision, recall and F1, as conlleval counts
//! them: an entity is right when its first token, last token and type all
//! are.

use super::model::Model;
use super::tags::spans_of_tags;
use super::text::LabeledText;
use crate::model::EntityLabel;

/// True positives, false positives and false negatives per entity type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanScores {
    counts: [[usize; 3]; 4],
}

impl SpanScores {
    /// Tags `docs` with `model` and compares with their gold tags.
    pub fn of_model(model: &Model, docs: &[LabeledText]) -> SpanScores {
        let mut scores = SpanScores::default();
        for labeled in docs {
            let predicted = model.tag_document(&labeled.doc);
            for sentence in &labeled.doc.sentences {
                scores.add(
                    &spans_of_tags(&labeled.tags[sentence.clone()]),
                    &spans_of_tags(&predicted[sentence.clone()]),
                );
            }
        }
        scores
    }

    /// Counts one sentence's gold and predicted entities.
    pub fn add(
        &mut self,
        gold: &[(usize, usize, EntityLabel)],
        predicted: &[(usize, usize, EntityLabel)],
    ) {
        for p in predicted {
            let hit = gold.contains(p);
            self.counts[p.2 as usize][if hit { 0 } else { 1 }] += 1;
        }
        for g in gold {
            if !predicted.contains(g) {
                self.counts[g.2 as usize][2] += 1;
            }
        }
    }

    /// Micro-averaged (precision, recall, F1) over `types`.
    pub fn prf(&self, types: &[EntityLabel]) -> (f64, f64, f64) {
        let sum = |k: usize| {
            types
                .iter()
                .map(|&t| self.counts[t as usize][k])
                .sum::<usize>() as f64
        };
        let (tp, fp, fn_) = (sum(0), sum(1), sum(2));
        let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        (precision, recall, f1)
    }

    /// F1 over all four types.
    pub fn f1(&self) -> f64 {
        self.prf(&EntityLabel::ALL).2
    }

    /// F1 over persons, organisations and places, as `conll.py` reports it.
    pub fn ner3_f1(&self) -> f64 {
        self.prf(&[EntityLabel::Person, EntityLabel::Org, EntityLabel::Loc])
            .2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_boundary_is_a_miss_and_a_false_alarm() {
        let mut scores = SpanScores::default();
        let gold = [(0, 2, EntityLabel::Person), (4, 5, EntityLabel::Loc)];
        let predicted = [(0, 1, EntityLabel::Person), (4, 5, EntityLabel::Loc)];
        scores.add(&gold, &predicted);
        let (p, r, f) = scores.prf(&EntityLabel::ALL);
        assert_eq!((p, r), (0.5, 0.5));
        assert!((f - 0.5).abs() < 1e-9);
    }
}
