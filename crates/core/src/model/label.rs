//! The entity labels quotecheck tags by itself, and what each may do.

/// The four labels of CoNLL-2003, which the tagger predicts and the rules
/// find. An annotation file may hold other labels a user added (`EVENT`…);
/// those stay strings in [`Entity::label`](super::Entity::label) and are
/// nobody's to predict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    Person,
    Org,
    Loc,
    Misc,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Person,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];

    /// The label as the annotation file writes it (`labels` of the contract).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    /// The label named by an annotation label (`PERSON`), a CoNLL tag
    /// suffix (`PER`) or a spaCy label (`GPE`); `None` for labels a user
    /// added.
    pub fn from_name(name: &str) -> Option<EntityLabel> {
        match name.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(EntityLabel::Person),
            "ORG" | "ORGANIZATION" => Some(EntityLabel::Org),
            "LOC" | "LOCATION" | "GPE" => Some(EntityLabel::Loc),
            "MISC" => Some(EntityLabel::Misc),
            _ => None,
        }
    }

    /// People and organisations say things; places and events do not. Only
    /// these are offered as a quote's speaker.
    pub fn can_speak(self) -> bool {
        matches!(self, EntityLabel::Person | EntityLabel::Org)
    }

    /// Whether an entity labelled `label` (as a file writes it) may speak.
    pub fn name_can_speak(label: &str) -> bool {
        EntityLabel::from_name(label).is_some_and(EntityLabel::can_speak)
    }
}
