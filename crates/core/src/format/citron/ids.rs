//! The ids of quotes read from Citron: Citron's own where they can be
//! quotecheck's, so that a round trip keeps them.

use std::collections::HashSet;

use super::ID;
use super::read::Read;

/// Each quote's id, `None` for a quote without contents (which is kept
/// as written): its Citron id where that can be one (see
/// [`fitting_id`]) and no earlier quote has it, so that a round trip
/// keeps it; else a fresh `q<n>`, and the Citron id is kept beside it.
pub(super) fn quote_ids(
    quotes: &[Read],
    entity_ids: &HashSet<&str>,
    warnings: &mut Vec<String>,
) -> Vec<Option<String>> {
    let mut taken: HashSet<&str> = HashSet::new();
    // Each quote's own id if it can keep it, and whether an earlier
    // quote holds it already.
    let own: Vec<(Option<&str>, bool)> = quotes
        .iter()
        .map(|read| match fitting_id(read, entity_ids) {
            Some(id) if !taken.insert(id) => (None, true),
            id => (id, false),
        })
        .collect();
    let mut next = 0;
    let mut fresh = || loop {
        next += 1;
        let id = format!("q{next}");
        if !taken.contains(id.as_str()) && !entity_ids.contains(id.as_str()) {
            return id;
        }
    };
    let mut ids = Vec::new();
    for (read, (own, duplicate)) in quotes.iter().zip(own) {
        if read.quote.contents.is_empty() {
            ids.push(None);
            continue;
        }
        let id = own.map_or_else(&mut fresh, str::to_owned);
        if duplicate {
            warnings.push(format!(
                "{}: an earlier quote has this id too; both are kept, this one as \
                 quote {id} with {ID} beside it",
                read.name()
            ));
        }
        ids.push(Some(id));
    }
    ids
}

/// The Citron id of `read` if it can be a quote's id here: a string, not
/// empty, no entity's, and without spaces, which adjudication's keys
/// (`q3 speaker`) split on; `None` too for a quote without
/// contents, which becomes no quote.
fn fitting_id<'q>(read: &'q Read, entity_ids: &HashSet<&str>) -> Option<&'q str> {
    if read.quote.contents.is_empty() {
        return None;
    }
    let id = read.quote.id.as_ref()?.as_str()?;
    let fits = !id.is_empty() && !id.contains(char::is_whitespace) && !entity_ids.contains(id);
    fits.then_some(id)
}
