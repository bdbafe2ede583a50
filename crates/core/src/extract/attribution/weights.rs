//! Weights of hashed features, and the averaged perceptron that learns them.
//!
//! A [`Table`] maps a feature id to one weight per class (`K` = 3 for the
//! cue tagger's O/B/I, 1 for the rankers, which score one candidate at a
//! time). A [`TableLearner`] starts from a table (empty, or a shipped model when
//! it learns from reviewed files) and keeps, besides each weight, the sum of
//! its updates times the moment they were made, so that the average over
//! all moments is `weight - sum / moments` without touching every weight at
//! every step. Starting from a shipped table, that average is the shipped
//! weight plus the average of the new updates: what the model knew is kept
//! unless the reviews contradict it.

use crate::tagger::features::IdMap;

/// One weight per class for every feature that has any.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table<const K: usize> {
    pub(super) rows: IdMap<[f32; K]>,
}

impl<const K: usize> Table<K> {
    /// Adds the weights of `features` to `scores`; unknown features add
    /// nothing.
    pub fn add(&self, features: &[u64], scores: &mut [f32; K]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }
}

impl Table<1> {
    /// The summed weight of `features`.
    pub fn score(&self, features: &[u64]) -> f32 {
        let mut s = [0.0];
        self.add(features, &mut s);
        s[0]
    }
}

/// A table being learnt.
pub struct TableLearner<const K: usize> {
    weights: IdMap<[f32; K]>,
    timed: IdMap<[f64; K]>,
    /// Updates seen so far; every decision counts one, right or wrong.
    moment: u64,
}

impl<const K: usize> TableLearner<K> {
    /// Learning from scratch (`start` empty) or on top of a trained table.
    pub fn new(start: &Table<K>) -> TableLearner<K> {
        TableLearner {
            weights: start.rows.clone(),
            timed: IdMap::default(),
            moment: 0,
        }
    }

    /// The current (not averaged) weights, for decisions during training.
    pub fn add(&self, features: &[u64], scores: &mut [f32; K]) {
        for f in features {
            if let Some(row) = self.weights.get(f) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Adds `delta` to the weight of class `class` of each feature.
    pub fn update(&mut self, features: &[u64], class: usize, delta: f32) {
        let moment = self.moment as f64;
        for &f in features {
            self.weights.entry(f).or_insert([0.0; K])[class] += delta;
            self.timed.entry(f).or_insert([0.0; K])[class] += moment * f64::from(delta);
        }
    }

    /// One decision made (whether or not it was wrong).
    pub fn tick(&mut self) {
        self.moment += 1;
    }

    /// The averaged weights; a feature whose weights all average to nearly
    /// nothing is left out, since it cannot change a decision.
    pub fn averaged(&self) -> Table<K> {
        let moments = self.moment.max(1) as f64;
        let rows = self
            .weights
            .iter()
            .filter_map(|(&f, w)| {
                let timed = self.timed.get(&f).copied().unwrap_or([0.0; K]);
                let mut row = [0.0f32; K];
                for k in 0..K {
                    row[k] = (f64::from(w[k]) - timed[k] / moments) as f32;
                }
                row.iter().any(|w| w.abs() > 1e-3).then_some((f, row))
            })
            .collect();
        Table { rows }
    }
}

impl TableLearner<1> {
    /// The summed current weight of `features`, for rankers in training.
    pub fn score(&self, features: &[u64]) -> f32 {
        let mut s = [0.0];
        self.add(features, &mut s);
        s[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_average_of_a_warm_start_keeps_the_start() {
        let mut start = Table::<1>::default();
        start.rows.insert(7, [2.0]);
        let mut learner = TableLearner::new(&start);
        // Ten decisions, one update of +1 halfway: the average adds half.
        for t in 0..10 {
            if t == 5 {
                learner.update(&[7], 0, 1.0);
            }
            learner.tick();
        }
        let averaged = learner.averaged();
        assert!((averaged.score(&[7]) - 2.5).abs() < 1e-6);
    }
}
