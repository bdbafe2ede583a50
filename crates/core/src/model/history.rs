//! Undo and redo over one document.
//!
//! Limits, as helix documents its own: the history lives in memory only (a
//! saved file has none), it is unbounded (a day of review is a few thousand
//! small transactions), and redo is cleared by any new change.

use super::Annotations;
use super::edit::{EditError, Transaction};

/// Undo and redo stacks over one document.
///
/// Each applied transaction gets a serial number; [`History::state`] names the
/// state the document is in, so the window knows it is unsaved exactly when
/// that differs from the state at the last save (undoing back to it is clean).
#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<(u64, Transaction)>,
    redo: Vec<(u64, Transaction)>,
    serial: u64,
}

impl History {
    /// Applies `tx` to `doc` and remembers how to undo it; a transaction
    /// that does not fit changes nothing and is not remembered.
    pub fn apply(&mut self, doc: &mut Annotations, tx: Transaction) -> Result<(), EditError> {
        let inverse = tx.apply(doc)?;
        self.serial += 1;
        self.undo.push((self.serial, inverse));
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last change: `Ok(false)` when there is none. An undo that
    /// does not fit (which only a model changed behind the history's back
    /// could cause) is refused and stays on the stack, so nothing is lost.
    pub fn undo(&mut self, doc: &mut Annotations) -> Result<bool, EditError> {
        Self::shift(&mut self.undo, &mut self.redo, doc)
    }

    pub fn redo(&mut self, doc: &mut Annotations) -> Result<bool, EditError> {
        Self::shift(&mut self.redo, &mut self.undo, doc)
    }

    fn shift(
        from: &mut Vec<(u64, Transaction)>,
        to: &mut Vec<(u64, Transaction)>,
        doc: &mut Annotations,
    ) -> Result<bool, EditError> {
        let Some((serial, tx)) = from.last().cloned() else {
            return Ok(false);
        };
        let inverse = tx.apply(doc)?;
        from.pop();
        to.push((serial, inverse));
        Ok(true)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Name of what Ctrl+Z would undo.
    pub fn undo_name(&self) -> Option<&str> {
        self.undo.last().map(|(_, t)| t.name.as_str())
    }

    pub fn redo_name(&self) -> Option<&str> {
        self.redo.last().map(|(_, t)| t.name.as_str())
    }

    /// Names the document's current state: 0 at load, else the serial number
    /// of the last transaction still applied.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |(serial, _)| *serial)
    }
}
