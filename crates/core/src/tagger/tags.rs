//! Entity types and the BILOU tags the tagger predicts one per token.
//!
//! BILOU (Begin, Inside, Last, Unit, Outside) rather than BIO because the
//! tagger then knows, at each token, whether an entity may end there: a
//! greedy tagger scores a few points higher with it on CoNLL-2003.

use crate::model::EntityLabel;

/// Where a token stands in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Begin,
    Inside,
    Last,
    Unit,
}

/// How many tags there are: Outside, plus four positions of four types.
pub const TAG_COUNT: usize = 1 + 4 * 4;

/// A tag as a small number, `0` for Outside; it indexes weight rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tag(pub u8);

impl Tag {
    pub const OUTSIDE: Tag = Tag(0);

    pub fn new(entity: EntityLabel, position: Position) -> Tag {
        let p = match position {
            Position::Begin => 0,
            Position::Inside => 1,
            Position::Last => 2,
            Position::Unit => 3,
        };
        Tag((1 + entity as usize * 4 + p) as u8)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn from_index(index: usize) -> Tag {
        Tag(index as u8)
    }

    pub fn entity(self) -> Option<EntityLabel> {
        match self.0 {
            0 => None,
            n => Some(EntityLabel::ALL[usize::from(n - 1) / 4]),
        }
    }

    pub fn position(self) -> Option<Position> {
        match self.0 {
            0 => None,
            n => Some(
                [
                    Position::Begin,
                    Position::Inside,
                    Position::Last,
                    Position::Unit,
                ][usize::from(n - 1) % 4],
            ),
        }
    }

    /// Whether an entity is open after this tag, so the next must continue it.
    fn opens(self) -> bool {
        matches!(self.position(), Some(Position::Begin | Position::Inside))
    }

    /// Whether `self` may follow `previous` (`None` at a sentence start) and
    /// may stand at the end of the sentence when `last` is set.
    pub fn may_follow(self, previous: Option<Tag>, last: bool) -> bool {
        let continues = matches!(self.position(), Some(Position::Inside | Position::Last));
        let ok_after = match previous {
            Some(p) if p.opens() => continues && p.entity() == self.entity(),
            _ => !continues,
        };
        ok_after && !(last && self.opens())
    }
}

/// The BILOU tags of `count` tokens holding entities as token ranges
/// `(first, end_exclusive, type)`; ranges must not overlap.
pub fn tags_of_spans(count: usize, spans: &[(usize, usize, EntityLabel)]) -> Vec<Tag> {
    let mut tags = vec![Tag::OUTSIDE; count];
    for &(first, end, entity) in spans {
        let end = end.min(count);
        if first >= end {
            continue;
        }
        if end - first == 1 {
            tags[first] = Tag::new(entity, Position::Unit);
            continue;
        }
        tags[first] = Tag::new(entity, Position::Begin);
        for tag in &mut tags[first + 1..end - 1] {
            *tag = Tag::new(entity, Position::Inside);
        }
        tags[end - 1] = Tag::new(entity, Position::Last);
    }
    tags
}

/// The entities of a tag sequence as token ranges `(first, end_exclusive,
/// type)`. A broken sequence (an Inside with no Begin) still yields spans,
/// so that a careless tag never loses a whole entity.
pub fn spans_of_tags(tags: &[Tag]) -> Vec<(usize, usize, EntityLabel)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let entity = tag.entity();
        if let Some((first, e)) = open {
            let continues = entity == Some(e)
                && matches!(tag.position(), Some(Position::Inside | Position::Last));
            if !continues {
                spans.push((first, i, e));
                open = None;
            }
        }
        if let Some(e) = entity {
            if open.is_none() {
                open = Some((i, e));
            }
            if matches!(tag.position(), Some(Position::Last | Position::Unit))
                && let Some((first, e)) = open.take()
            {
                spans.push((first, i + 1, e));
            }
        }
    }
    if let Some((first, e)) = open {
        spans.push((first, tags.len(), e));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_through_bilou_tags() {
        let spans = vec![
            (0, 1, EntityLabel::Person),
            (2, 5, EntityLabel::Org),
            (5, 7, EntityLabel::Loc),
        ];
        let tags = tags_of_spans(8, &spans);
        assert_eq!(tags[0], Tag::new(EntityLabel::Person, Position::Unit));
        assert_eq!(tags[3], Tag::new(EntityLabel::Org, Position::Inside));
        assert_eq!(spans_of_tags(&tags), spans);
    }

    #[test]
    fn inside_may_only_continue_its_own_entity() {
        let b_org = Tag::new(EntityLabel::Org, Position::Begin);
        let i_org = Tag::new(EntityLabel::Org, Position::Inside);
        let l_per = Tag::new(EntityLabel::Person, Position::Last);
        assert!(i_org.may_follow(Some(b_org), false));
        assert!(!l_per.may_follow(Some(b_org), false));
        assert!(!i_org.may_follow(None, false));
        assert!(!Tag::OUTSIDE.may_follow(Some(b_org), false));
        assert!(!b_org.may_follow(None, true));
    }
}
