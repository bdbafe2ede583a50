//! Everything a person can invoke by name: each command knows its label,
//! its shortcuts and what it does in a sentence, and the keyboard, the
//! menus and the hover texts are all made from that (as rerun's
//! `UICommand` does), so a shortcut is written once.

use egui::{Key, KeyboardShortcut, Modifiers};

use quotecheck_core::format::export::Target;
use quotecheck_core::model::Gender;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Open,
    OpenByPath,
    OpenFolder,
    Save,
    SaveAs,
    SaveToPath,
    /// Write the document in front in another tool's format.
    Export(Target),
    Close,
    Quit,
    Undo,
    Redo,
    AcceptQuote,
    RejectQuote,
    NextQuote,
    PreviousQuote,
    ClearSelection,
    /// Set the selected person's gender.
    SetGender(Gender),
    /// Accept the selected entity as it is, its automatic attributes with it.
    ConfirmEntity,
    /// Link the selected entity to the person the folder's registry has
    /// for it, taking that person's attributes.
    LinkRegistry,
    /// Add the selected entity to the folder's registry as a new entry.
    AddToRegistry,
    NextArticle,
    PreviousArticle,
    MarkDone,
    LargerText,
    SmallerText,
    /// List and step through quotes and articles least sure first.
    LeastSureFirst,
    /// Compare the document in front with another reviewer's file of it.
    CompareWith,
    /// Say who is reviewing.
    ReviewerName,
    NextDifference,
    PreviousDifference,
    /// Settle the difference in front with reviewer A's version.
    TakeA,
    TakeB,
    /// Settle the difference in front as the result stands, to edit it.
    EditDifference,
}

/// When a command's shortcuts act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Even while a text field is being typed in (Ctrl+S saves from anywhere).
    Always,
    /// Not while typing, where the same keys edit the text (Ctrl+Z undoes
    /// typing, Ctrl+arrows move by word, letters are letters).
    NotTyping,
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    /// Every command that has a shortcut or a menu entry of its own
    /// (exports are listed per format in the File menu).
    pub const ALL: [Command; 35] = [
        Command::Open,
        Command::OpenByPath,
        Command::OpenFolder,
        Command::Save,
        Command::SaveAs,
        Command::SaveToPath,
        Command::Close,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::AcceptQuote,
        Command::RejectQuote,
        Command::NextQuote,
        Command::PreviousQuote,
        Command::ClearSelection,
        Command::SetGender(Gender::Woman),
        Command::SetGender(Gender::Man),
        Command::SetGender(Gender::Nonbinary),
        Command::SetGender(Gender::Unknown),
        Command::ConfirmEntity,
        Command::LinkRegistry,
        Command::AddToRegistry,
        Command::NextArticle,
        Command::PreviousArticle,
        Command::MarkDone,
        Command::LargerText,
        Command::SmallerText,
        Command::LeastSureFirst,
        Command::CompareWith,
        Command::ReviewerName,
        Command::NextDifference,
        Command::PreviousDifference,
        Command::TakeA,
        Command::TakeB,
        Command::EditDifference,
    ];

    /// The command as menus and buttons name it.
    pub fn label(self) -> String {
        let label = match self {
            Command::Open => "Open…",
            Command::OpenByPath => "Open by path…",
            Command::OpenFolder => "Open Folder…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::SaveToPath => "Save to path…",
            Command::Export(target) => return format!("{}…", target.label()),
            Command::Close => "Close",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AcceptQuote => "Accept",
            Command::RejectQuote => "Reject",
            Command::NextQuote => "Next",
            Command::PreviousQuote => "Previous",
            Command::ClearSelection => "Clear selection",
            Command::SetGender(gender) => match gender {
                Gender::Woman => "Woman",
                Gender::Man => "Man",
                Gender::Nonbinary => "Nonbinary",
                Gender::Unknown => "Unknown",
            },
            Command::ConfirmEntity => "Confirm",
            Command::LinkRegistry => "Link",
            Command::AddToRegistry => "Add to registry",
            Command::NextArticle => "Next article",
            Command::PreviousArticle => "Previous article",
            Command::MarkDone => "Mark done",
            Command::LargerText => "Larger text",
            Command::LeastSureFirst => "Least sure first",
            Command::SmallerText => "Smaller text",
            Command::CompareWith => "Compare with…",
            Command::ReviewerName => "Reviewer name…",
            Command::NextDifference => "Next difference",
            Command::PreviousDifference => "Previous difference",
            Command::TakeA => "Take A's",
            Command::TakeB => "Take B's",
            Command::EditDifference => "Edit by hand",
        };
        label.to_owned()
    }

    /// What the command does, for its hover text.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::Open => "Open an article (.txt) or an annotation file (.json)",
            Command::OpenByPath => "Type the path of a file or folder to open",
            Command::OpenFolder => "Review a folder of articles one after another",
            Command::Save => "Save the annotations (article.txt → article.json beside it)",
            Command::SaveAs => "Save the annotations to another file",
            Command::SaveToPath => "Type the path to save the annotations to",
            Command::Export(_) => "Write the annotations in another tool's format",
            Command::Close => "Close this article",
            Command::Quit => "Quit quotecheck",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo what was undone",
            Command::AcceptQuote => "Accept the selected quote and go to the next",
            Command::RejectQuote => {
                "Reject the selected quote (kept as a negative example) and go to the next"
            }
            Command::NextQuote => "Select the next quote",
            Command::PreviousQuote => "Select the previous quote",
            Command::ClearSelection => "Select nothing",
            Command::SetGender(gender) => match gender {
                Gender::Woman => "The selected person is a woman",
                Gender::Man => "The selected person is a man",
                Gender::Nonbinary => "The selected person is nonbinary",
                Gender::Unknown => "The article does not tell the selected person's gender",
            },
            Command::ConfirmEntity => {
                "Accept the selected entity as it is, with the attributes suggested for it"
            }
            Command::LinkRegistry => {
                "Link the selected entity to the folder registry's person, taking their attributes"
            }
            Command::AddToRegistry => {
                "Add the selected entity to the folder's registry (written when the article is saved)"
            }
            Command::NextArticle => "Save this article and open the next one of the folder",
            Command::PreviousArticle => "Save this article and open the previous one of the folder",
            Command::MarkDone => "Mark the article reviewed, save it and move on",
            Command::LargerText => "Make the article text larger",
            Command::LeastSureFirst => {
                "List and step through the quotes least sure first (by the extractor's confidence), and the folder's articles by their least sure pending quote; again for reading order"
            }
            Command::SmallerText => "Make the article text smaller",
            Command::CompareWith => {
                "Compare these annotations with another reviewer's file of the same article, and settle the differences"
            }
            Command::ReviewerName => {
                "Set the name saved as annotator and beside every quote and entity you decide on"
            }
            Command::NextDifference => "Go to the next difference still open",
            Command::PreviousDifference => "Go to the previous difference still open",
            Command::TakeA => "Settle this difference with reviewer A's version and go on",
            Command::TakeB => "Settle this difference with reviewer B's version and go on",
            Command::EditDifference => {
                "Settle this difference as the result stands and select it, to edit it with the usual tools"
            }
        }
    }

    /// The keys that invoke the command, the one menus show first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::Open => const { &[command(Key::O)] },
            Command::Save => const { &[command(Key::S)] },
            Command::Quit => const { &[command(Key::Q)] },
            Command::Undo => const { &[command(Key::Z)] },
            Command::Redo => const { &[command_shift(Key::Z), command(Key::Y)] },
            Command::AcceptQuote => const { &[plain(Key::A), plain(Key::Enter)] },
            Command::RejectQuote => const { &[plain(Key::X), plain(Key::Delete)] },
            Command::NextQuote => {
                const { &[plain(Key::J), plain(Key::ArrowDown), plain(Key::ArrowRight)] }
            }
            Command::PreviousQuote => {
                const { &[plain(Key::K), plain(Key::ArrowUp), plain(Key::ArrowLeft)] }
            }
            Command::ClearSelection => const { &[plain(Key::Escape)] },
            Command::SetGender(gender) => match gender {
                Gender::Woman => const { &[plain(Key::W)] },
                Gender::Man => const { &[plain(Key::M)] },
                Gender::Nonbinary => const { &[plain(Key::N)] },
                Gender::Unknown => const { &[plain(Key::U)] },
            },
            Command::ConfirmEntity => const { &[plain(Key::C)] },
            Command::LinkRegistry => const { &[plain(Key::L)] },
            Command::NextArticle => const { &[command(Key::ArrowRight)] },
            Command::PreviousArticle => const { &[command(Key::ArrowLeft)] },
            Command::LargerText => const { &[command(Key::Plus), command(Key::Equals)] },
            Command::SmallerText => const { &[command(Key::Minus)] },
            Command::NextDifference => const { &[plain(Key::CloseBracket)] },
            Command::PreviousDifference => const { &[plain(Key::OpenBracket)] },
            Command::TakeA => const { &[plain(Key::Num1)] },
            Command::TakeB => const { &[plain(Key::Num2)] },
            Command::EditDifference => const { &[plain(Key::E)] },
            Command::OpenByPath
            | Command::OpenFolder
            | Command::SaveAs
            | Command::SaveToPath
            | Command::Export(_)
            | Command::Close
            | Command::MarkDone
            | Command::AddToRegistry
            | Command::CompareWith
            | Command::ReviewerName
            | Command::LeastSureFirst => &[],
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Command::Open
            | Command::Save
            | Command::Quit
            | Command::LargerText
            | Command::SmallerText => Scope::Always,
            _ => Scope::NotTyping,
        }
    }

    /// The shortcuts as this platform writes them ("Ctrl+Z", "⌘Z"), joined.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The command's first shortcut as this platform writes it ("J").
    pub fn key_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// The hover text: what the command does, and its keys.
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        match self.shortcuts() {
            [] => self.tooltip().to_owned(),
            _ => format!("{} ({})", self.tooltip(), self.shortcut_text(ctx)),
        }
    }

    /// A menu entry: the label, with the first shortcut beside it.
    pub fn menu_button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        self.menu_button_labelled(ui, enabled, self.label())
    }

    /// A menu entry with a label of its own ("Undo Set speaker").
    pub fn menu_button_labelled(self, ui: &mut egui::Ui, enabled: bool, label: String) -> bool {
        let mut button = egui::Button::new(label);
        if let Some(first) = self.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(first));
        }
        ui.add_enabled(enabled, button)
            .on_hover_text(self.tooltip())
            .clicked()
    }

    /// A menu entry for a setting that is on or off, shown selected when on.
    pub fn menu_toggle(self, ui: &mut egui::Ui, on: bool) -> bool {
        ui.add(egui::Button::selectable(on, self.label()))
            .on_hover_text(self.tooltip())
            .clicked()
    }

    /// A button in a panel, with the hover text.
    pub fn button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let hover = self.hover_text(ui.ctx());
        ui.add_enabled(enabled, egui::Button::new(self.label()))
            .on_hover_text(hover)
            .clicked()
    }

    /// A button that names its key too ("Link (L)"), where a panel is the
    /// place a reviewer learns the key.
    pub fn button_with_key(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let key = self.key_text(ui.ctx());
        let label = match key.is_empty() {
            true => self.label(),
            false => format!("{} ({key})", self.label()),
        };
        ui.add_enabled(enabled, egui::Button::new(label))
            .on_hover_text(self.tooltip())
            .clicked()
    }
}

/// The commands whose shortcuts were pressed this frame, consuming the keys.
///
/// Enter and Space press whatever widget has the keyboard focus (a button
/// reached with Tab, a combo box): while one has it, they are left to it.
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    let widget_focused = ctx.memory(|m| m.focused().is_some());
    let presses_widget = |s: &KeyboardShortcut| {
        s.modifiers.is_none() && matches!(s.logical_key, Key::Enter | Key::Space)
    };
    let mut table: Vec<(KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .filter(|c| !typing || c.scope() == Scope::Always)
        .flat_map(|&c| c.shortcuts().iter().map(move |&s| (s, c)))
        .filter(|(s, _)| !(widget_focused && presses_widget(s)))
        .collect();
    // Most specific first: Ctrl+Shift+Z would also match Ctrl+Z.
    table.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut pressed = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, command) in table {
            if i.consume_shortcut(&shortcut) {
                pressed.push(command);
            }
        }
    });
    pressed
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .into_iter()
        .filter(|&on| on)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for command in Command::ALL {
            for &shortcut in command.shortcuts() {
                let clash = seen.iter().find(|(s, _)| *s == shortcut);
                assert!(clash.is_none(), "{shortcut:?}: {clash:?} and {command:?}");
                seen.push((shortcut, command));
            }
        }
    }

    #[test]
    fn hover_texts_name_every_shortcut_the_platform_way() {
        let ctx = egui::Context::default();
        let hover = Command::Redo.hover_text(&ctx);
        for shortcut in Command::Redo.shortcuts() {
            assert!(hover.contains(&ctx.format_shortcut(shortcut)), "{hover}");
        }
        assert_eq!(
            Command::MarkDone.hover_text(&ctx),
            Command::MarkDone.tooltip()
        );
    }
}
