//! The keyboard: every shortcut of the window in one table.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::actions::{Action, Reveal};

/// The keyboard: file and history shortcuts always, review keys when no
/// text field is being typed in.
pub fn shortcuts(ctx: &egui::Context, actions: &mut Vec<Action>) {
    let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
    let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
    let typing = ctx.text_edit_focused();
    ctx.input_mut(|i| {
        // Most specific first: Ctrl+Shift+Z would also match Ctrl+Z.
        let table = [
            (command_shift(Key::Z), Action::Redo),
            (command(Key::Y), Action::Redo),
            (command(Key::S), Action::Save),
            (command(Key::O), Action::Open),
            (command(Key::Q), Action::Quit),
            (command(Key::Plus), Action::TextSize(1.0)),
            (command(Key::Equals), Action::TextSize(1.0)),
            (command(Key::Minus), Action::TextSize(-1.0)),
        ];
        for (shortcut, action) in table {
            if i.consume_shortcut(&shortcut) {
                actions.push(action);
            }
        }
        // A text field has its own undo while it has the focus.
        if !typing && i.consume_shortcut(&command(Key::Z)) {
            actions.push(Action::Undo);
        }
        if typing {
            return;
        }
        // Outside text fields, where Ctrl+arrows move by word.
        if i.consume_shortcut(&command(Key::ArrowRight)) {
            actions.push(Action::NextArticle);
        }
        if i.consume_shortcut(&command(Key::ArrowLeft)) {
            actions.push(Action::PreviousArticle);
        }
        let review_keys = [
            (Key::A, Action::AcceptQuote),
            (Key::Enter, Action::AcceptQuote),
            (Key::X, Action::RejectQuote),
            (Key::Delete, Action::RejectQuote),
            (Key::J, Action::NextQuote),
            (Key::ArrowDown, Action::NextQuote),
            (Key::ArrowRight, Action::NextQuote),
            (Key::K, Action::PreviousQuote),
            (Key::ArrowUp, Action::PreviousQuote),
            (Key::ArrowLeft, Action::PreviousQuote),
        ];
        for (key, action) in review_keys {
            if i.consume_key(Modifiers::NONE, key) {
                actions.push(action);
            }
        }
        if i.key_pressed(Key::Escape) {
            actions.push(Action::SelectQuote {
                id: None,
                reveal: Reveal::InPanel,
            });
            actions.push(Action::SelectEntity(None));
            actions.push(Action::SelectText(None));
        }
    });
}
