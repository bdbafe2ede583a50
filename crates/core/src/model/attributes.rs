//! What is known about an entity beyond its name: the optional `attributes`
//! object of the contract (`gender`, `role`, `kb` and any other key, every
//! value a string).
//!
//! Whether an attribute is a reviewer's or automatic is not stored here: the
//! contract marks it by the entity's `status` (on a `pending` entity every
//! attribute is automatic). A gender outside the four values of the contract
//! is refused when a file is read, naming the entity, never changed into
//! another value: a report that counted "female" as unknown, or guessed it
//! meant "woman", would publish a figure nobody decided.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `gender` attribute: the four values of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    Nonbinary,
    Unknown,
}

impl Gender {
    pub const ALL: [Gender; 4] = [
        Gender::Woman,
        Gender::Man,
        Gender::Nonbinary,
        Gender::Unknown,
    ];

    /// The value as the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Woman => "woman",
            Gender::Man => "man",
            Gender::Nonbinary => "nonbinary",
            Gender::Unknown => "unknown",
        }
    }

    /// The value named `text` in a file; `None` for anything else.
    pub fn parse(text: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.as_str() == text)
    }

    /// How a count of people of this gender reads: "1 woman", "3 men".
    pub fn count_phrase(self, n: usize) -> String {
        let word = match (self, n == 1) {
            (Gender::Woman, true) => "woman",
            (Gender::Woman, false) => "women",
            (Gender::Man, true) => "man",
            (Gender::Man, false) => "men",
            (Gender::Nonbinary, _) => "nonbinary",
            (Gender::Unknown, _) => "unknown",
        };
        format!("{n} {word}")
    }
}

/// The roles of the Global Media Monitoring Project that the window offers;
/// `role` may hold free text as well.
pub const ROLES: [&str; 5] = [
    "official",
    "expert",
    "spokesperson",
    "eyewitness",
    "personal experience",
];

/// The keys the contract names; other keys are kept as they are.
pub const GENDER: &str = "gender";
pub const ROLE: &str = "role";
pub const KB: &str = "kb";

/// An entity's `attributes` object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb: Option<String>,
    /// Keys other tools or people added, by name.
    #[serde(flatten)]
    pub other: BTreeMap<String, String>,
}

/// A value an attribute may not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttributeError {
    #[error("gender {0:?} is not one of woman, man, nonbinary, unknown")]
    Gender(String),
    #[error("an attribute needs a name")]
    EmptyKey,
}

impl Attributes {
    pub fn is_empty(&self) -> bool {
        self.gender.is_none() && self.role.is_none() && self.kb.is_none() && self.other.is_empty()
    }

    /// The value of `key`, as the file writes it.
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            GENDER => self.gender.map(Gender::as_str),
            ROLE => self.role.as_deref(),
            KB => self.kb.as_deref(),
            other => self.other.get(other).map(String::as_str),
        }
    }

    /// Sets `key` to `value`, or removes it (`None`). A gender must be one
    /// of the four values.
    pub fn set(&mut self, key: &str, value: Option<&str>) -> Result<(), AttributeError> {
        match key {
            "" => return Err(AttributeError::EmptyKey),
            GENDER => {
                self.gender = value
                    .map(|v| Gender::parse(v).ok_or_else(|| AttributeError::Gender(v.to_owned())))
                    .transpose()?;
            }
            ROLE => self.role = value.map(str::to_owned),
            KB => self.kb = value.map(str::to_owned),
            other => match value {
                Some(v) => {
                    self.other.insert(other.to_owned(), v.to_owned());
                }
                None => {
                    self.other.remove(other);
                }
            },
        }
        Ok(())
    }

    /// Every key with its value, the contract's keys first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        [
            (GENDER, self.gender.map(Gender::as_str)),
            (ROLE, self.role.as_deref()),
            (KB, self.kb.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .chain(self.other.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

/// Every way the raw `attributes` value of `owner` (an entity, a registry
/// entry) breaks the contract: not an object, a value that is not a string,
/// a gender outside the four. Checked on the JSON before it becomes an
/// [`Attributes`], so that each problem names its owner and key.
pub fn attribute_problems(owner: &str, value: &Value) -> Vec<String> {
    let Some(object) = value.as_object() else {
        return vec![format!("{owner}: \"attributes\" is not an object")];
    };
    let mut problems = Vec::new();
    for (key, value) in object {
        match value.as_str() {
            None => problems.push(format!(
                "{owner}: attribute {key:?} is {value}, not a string"
            )),
            Some(v) if key == GENDER && Gender::parse(v).is_none() => problems.push(format!(
                "{owner}: gender {v:?} is not one of woman, man, nonbinary, unknown"
            )),
            Some(_) => {}
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_absent_ones_round_trip() {
        let json = r#"{"gender":"woman","kb":"Q1","party":"Green"}"#;
        let attrs: Attributes = serde_json::from_str(json).unwrap();
        assert_eq!(attrs.gender, Some(Gender::Woman));
        assert_eq!(attrs.get("party"), Some("Green"));
        assert_eq!(attrs.role, None);
        assert_eq!(serde_json::to_string(&attrs).unwrap(), json);
    }

    #[test]
    fn a_gender_outside_the_four_is_refused_by_name() {
        let mut attrs = Attributes::default();
        assert_eq!(
            attrs.set(GENDER, Some("female")),
            Err(AttributeError::Gender("female".into()))
        );
        assert_eq!(attrs.gender, None, "nothing set on a refused value");
        let problems = attribute_problems(
            "entity e2",
            &serde_json::json!({"gender": "female", "age": 40}),
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("\"female\"")));
        assert!(problems.iter().any(|p| p.contains("\"age\" is 40")));
    }
}
