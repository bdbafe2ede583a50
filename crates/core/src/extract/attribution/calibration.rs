//! From the model's margins to a probability that a quote is right: a
//! logistic regression over a few signals, fitted on quotes predicted for
//! articles the model had not seen (cross-validation), so that a quote
//! with confidence 0.8 is right about four times in five.

/// The signals of one quote.
pub const SIGNALS: usize = 9;
pub type Signals = [f32; SIGNALS];

/// Signal names, in order, for the model file's readers and the docs.
pub const SIGNAL_NAMES: [&str; SIGNALS] = [
    "bias",
    "cue margin",
    "content lead",
    "source lead",
    "has source",
    "in quotation marks",
    "the rules found this cue",
    "the rules alone found it",
    "source is a name or pronoun",
];

/// Margins are clamped to this, so that one huge margin cannot swamp the rest.
const CLAMP: f32 = 20.0;

/// What the model knew when it chose a quote.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    pub cue_margin: f32,
    pub content_lead: f32,
    pub source_lead: f32,
    pub has_source: bool,
    pub quoted: bool,
    pub rules_cue: bool,
    pub rules_only: bool,
    pub named_source: bool,
}

impl Evidence {
    pub fn signals(&self) -> Signals {
        let m = |x: f32| x.clamp(-CLAMP, CLAMP) / CLAMP;
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        [
            1.0,
            m(self.cue_margin),
            m(self.content_lead),
            m(self.source_lead),
            b(self.has_source),
            b(self.quoted),
            b(self.rules_cue),
            b(self.rules_only),
            b(self.named_source),
        ]
    }
}

/// Weights of the logistic regression.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub weights: Signals,
}

impl Default for Calibration {
    /// Before any fitting: surer with larger margins, less sure where the
    /// rules alone found the quote.
    fn default() -> Calibration {
        Calibration {
            weights: [0.0, 3.0, 1.0, 1.0, 0.5, 0.5, 0.5, -0.5, 0.5],
        }
    }
}

impl Calibration {
    pub fn probability(&self, evidence: &Evidence) -> f32 {
        let x = evidence.signals();
        let z: f32 = x.iter().zip(&self.weights).map(|(x, w)| x * w).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the weights to `samples` (signals, and whether the quote was
    /// right) by Newton's method with a little L2 regularisation, which
    /// also keeps a signal that never varies from running off.
    pub fn fit(samples: &[(Signals, bool)]) -> Calibration {
        const L2: f64 = 1.0;
        let mut w = [0.0f64; SIGNALS];
        for _ in 0..25 {
            let mut grad = [0.0f64; SIGNALS];
            let mut hess = [[0.0f64; SIGNALS]; SIGNALS];
            for (x, right) in samples {
                let z: f64 = x.iter().zip(&w).map(|(x, w)| f64::from(*x) * w).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let y = if *right { 1.0 } else { 0.0 };
                for i in 0..SIGNALS {
                    let xi = f64::from(x[i]);
                    grad[i] += (p - y) * xi;
                    for j in 0..SIGNALS {
                        hess[i][j] += p * (1.0 - p) * xi * f64::from(x[j]);
                    }
                }
            }
            for i in 0..SIGNALS {
                grad[i] += L2 * w[i];
                hess[i][i] += L2;
            }
            let Some(step) = solve(hess, grad) else {
                break;
            };
            let mut largest = 0.0f64;
            for i in 0..SIGNALS {
                w[i] -= step[i];
                largest = largest.max(step[i].abs());
            }
            if largest < 1e-6 {
                break;
            }
        }
        Calibration {
            weights: w.map(|w| w as f32),
        }
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; None
/// when `a` is singular.
fn solve(mut a: [[f64; SIGNALS]; SIGNALS], mut b: Signals64) -> Option<Signals64> {
    for col in 0..SIGNALS {
        let pivot = (col..SIGNALS).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + offset] -= f * b[col];
        }
    }
    let mut x = [0.0; SIGNALS];
    for row in (0..SIGNALS).rev() {
        let rest: f64 = (row + 1..SIGNALS).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    Some(x)
}

type Signals64 = [f64; SIGNALS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_learns_that_a_larger_margin_is_surer() {
        // Quotes with margin 10 are right 9 times in 10, with margin 0 once
        // in 10: the fitted probabilities come back close to those shares.
        let mut samples = Vec::new();
        for (margin, right_of_ten) in [(10.0, 9), (0.0, 1)] {
            for i in 0..1000 {
                let e = Evidence {
                    cue_margin: margin,
                    ..Evidence::default()
                };
                samples.push((e.signals(), i % 10 < right_of_ten));
            }
        }
        let c = Calibration::fit(&samples);
        let p = |margin| {
            c.probability(&Evidence {
                cue_margin: margin,
                ..Evidence::default()
            })
        };
        assert!((p(10.0) - 0.9).abs() < 0.05, "{}", p(10.0));
        assert!((p(0.0) - 0.1).abs() < 0.05, "{}", p(0.0));
    }
}
