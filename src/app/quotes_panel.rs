//! The quotes: who is quoted in the article, the selected quote to decide
//! on (speaker, kind, accept or reject), then every quote in reading order,
//! one line each.

use egui::{ComboBox, Ui};

use super::article_view::shorten;
use super::command::Command;
use super::command_handling::quote_order;
use super::people::FolderPeople;
use super::request::{Request, Reveal, ViewContext};
use quotecheck_core::model::{Annotations, EntityLabel, Intent, Quote, QuoteKind, Status};
use quotecheck_core::quoted::quoted_in;

#[derive(Default)]
pub struct QuotesPanel {
    /// The name being typed for "new person…", while that is open.
    new_person: Option<String>,
    /// Set when "new person…" was just chosen, so the name field takes the
    /// keyboard at once.
    focus_new_person: bool,
    /// The article's "Quoted:" line, with the document, revision and
    /// registry generation it was counted for: counted again only when one
    /// of them changes, not every frame.
    quoted: Option<((u64, u64, u64), String)>,
}

impl QuotesPanel {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext) {
        let doc = cx.doc;
        let annotations = doc.annotations();
        let (reviewed, total) = annotations.quote_progress();
        ui.heading(format!("Quotes {reviewed}/{total}"));
        let key = (
            doc.uid,
            doc.revision(),
            cx.people.map_or(0, FolderPeople::generation),
        );
        if self.quoted.as_ref().is_none_or(|(k, _)| *k != key) {
            let registry = cx.people.and_then(FolderPeople::registry);
            self.quoted = Some((key, quoted_in(annotations, registry).to_string()));
        }
        if let Some((_, line)) = &self.quoted {
            ui.label(line).on_hover_text(
                "Who speaks the quotes not rejected, each once: people by gender (the entity's, else the folder registry's, else unknown) and organisations",
            );
        }
        match doc.selected_quote() {
            Some(q) => self.editor(ui, cx, q),
            None => {
                let keys = format!(
                    "Select a quote ({} / {}, or click one) to review it.",
                    Command::NextQuote.key_text(ui.ctx()),
                    Command::PreviousQuote.key_text(ui.ctx())
                );
                ui.weak(keys);
                self.new_person = None;
            }
        }
        ui.separator();
        quote_list(ui, cx);
    }

    /// Everything about the selected quote that a person decides.
    fn editor(&mut self, ui: &mut Ui, cx: &mut ViewContext, index: usize) {
        let open = cx.doc;
        let doc = open.annotations();
        let quote = &doc.quotes[index];
        let confidence = quote
            .confidence
            .map_or(String::new(), |c| format!(" · confidence {c:.2}"));
        ui.label(format!(
            "{} · {:?} · {}{confidence}",
            quote.id,
            quote.origin,
            quote.status.as_str()
        ));
        // What a reviewer clicks quote after quote comes first, above
        // everything whose height follows the quote (its cue, source and
        // words wrap to more or fewer lines), so Accept, Reject, Speaker
        // and Kind stay under the pointer from one quote to the next.
        ui.horizontal_wrapped(|ui| {
            for command in [
                Command::AcceptQuote,
                Command::RejectQuote,
                Command::PreviousQuote,
                Command::NextQuote,
            ] {
                if command.button(ui, true) {
                    cx.run(command);
                }
            }
        });
        self.speaker_combo(ui, cx, index);
        let mut kind = quote.kind;
        ComboBox::from_label("Kind")
            .selected_text(kind.as_str())
            .show_ui(ui, |ui| {
                for k in QuoteKind::ALL {
                    ui.selectable_value(&mut kind, k, k.as_str());
                }
            });
        if kind != quote.kind {
            cx.edit(Intent::SetQuoteKind {
                quote: quote.id.clone(),
                kind,
            });
        }
        let mut clear_cue = false;
        let mut clear_source = false;
        egui::Grid::new("quote fields")
            .num_columns(3)
            .show(ui, |ui| {
                ui.label("Cue");
                ui.label(quote.cue.as_ref().map_or("—", |c| c.text.as_str()));
                clear_cue = quote.cue.is_some() && ui.small_button("Clear cue").clicked();
                ui.end_row();
                ui.label("Source");
                ui.label(quote.source.as_ref().map_or("—", |s| s.text.as_str()));
                clear_source = quote.source.is_some() && ui.small_button("Clear source").clicked();
                ui.end_row();
            });
        if clear_cue {
            cx.edit(Intent::SetCue {
                quote: quote.id.clone(),
                cue: None,
            });
        }
        if clear_source {
            cx.edit(Intent::SetSource {
                quote: quote.id.clone(),
                source: None,
            });
        }
        ui.label(egui::RichText::new(shorten(&quote_text(quote), 160)).italics());
        ui.weak(
            "Tip: click a name in the text to make it the speaker; select words to set the cue or the source.",
        );
    }

    fn speaker_combo(&mut self, ui: &mut Ui, cx: &mut ViewContext, index: usize) {
        let open = cx.doc;
        let doc = open.annotations();
        let quote = &doc.quotes[index];
        let current = quote.speaker.as_deref();
        let shown = speaker_shown(doc, quote);
        // `Some(None)` is "nobody"; `None` is "no choice made this frame".
        let mut choice: Option<Option<String>> = None;
        ComboBox::from_label("Speaker")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), "nobody").clicked() {
                    choice = Some(None);
                }
                for e in doc
                    .entities
                    .iter()
                    .filter(|e| EntityLabel::name_can_speak(&e.label))
                {
                    let selected = current == Some(e.id.as_str());
                    if ui.selectable_label(selected, e.name.as_str()).clicked() {
                        choice = Some(Some(e.id.clone()));
                    }
                }
                if ui.selectable_label(false, "new person…").clicked() {
                    self.new_person = Some(String::new());
                    self.focus_new_person = true;
                }
            });
        if let Some(speaker) = choice {
            self.new_person = None;
            cx.edit(Intent::SetSpeaker {
                quote: quote.id.clone(),
                speaker,
                mention: None,
            });
        }
        let Some(name) = &mut self.new_person else {
            return;
        };
        let mut done = false;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("New person:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .desired_width(140.0)
                        .hint_text("name"),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_new_person) {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ready = !name.trim().is_empty();
            if (ui
                .add_enabled(ready, egui::Button::new("Add person"))
                .clicked()
                || entered)
                && ready
            {
                cx.edit(Intent::NewPersonAsSpeaker {
                    quote: quote.id.clone(),
                    name: name.clone(),
                });
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        if done {
            self.new_person = None;
        }
    }
}

/// One line per quote, in reading order; only the visible lines are built,
/// so a long article costs no more than a short one.
fn quote_list(ui: &mut Ui, cx: &mut ViewContext) {
    let doc = cx.doc;
    let annotations = doc.annotations();
    let selected = doc.selected_quote();
    let order = quote_order(annotations, cx.settings);
    let row_height = ui.spacing().interact_size.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("quote list", doc.uid))
        .auto_shrink(false);
    let selected_row = selected.and_then(|i| order.iter().position(|&o| o == i));
    if let (true, Some(i)) = (cx.reveal_in_list, selected_row) {
        let visible = ui.available_height();
        let row = row_height + ui.spacing().item_spacing.y;
        area = area.vertical_scroll_offset((i as f32 * row - visible / 2.0).max(0.0));
    }
    area.show_rows(ui, row_height, order.len(), |ui, rows| {
        for &i in &order[rows] {
            let quote = &annotations.quotes[i];
            let text = egui::RichText::new(row_text(annotations, quote));
            // Struck through when rejected; greyed too, but not on the
            // selection's blue, where grey is hard to read.
            let text = match (quote.status, selected == Some(i)) {
                (Status::Rejected, false) => text.strikethrough().weak(),
                (Status::Rejected, true) => text.strikethrough(),
                _ => text,
            };
            let response = ui.add(egui::Button::selectable(selected == Some(i), text).truncate());
            if response.clicked() {
                cx.request(Request::SelectQuote {
                    id: Some(quote.id.clone()),
                    reveal: Reveal::InText,
                });
            }
        }
    });
}

/// `q2 direct · 0.93 · accepted · Blinken · said · “Now that we see the…`
/// (the confidence where the extractor gave one)
fn row_text(doc: &Annotations, quote: &Quote) -> String {
    let speaker = speaker_shown(doc, quote);
    let cue = quote.cue.as_ref().map_or("—", |c| c.text.as_str());
    let confidence = quote
        .confidence
        .map_or(String::new(), |c| format!(" · {c:.2}"));
    format!(
        "{} {}{confidence} · {} · {speaker} · {cue} · {}",
        quote.id,
        quote.kind.as_str(),
        quote.status.as_str(),
        shorten(&quote_text(quote), 48)
    )
}

/// The quote's speaker as the panel names it: a rejected entity is marked,
/// since the report counts such a quote as naming nobody.
fn speaker_shown(doc: &Annotations, quote: &Quote) -> String {
    let Some(entity) = quote.speaker.as_deref().and_then(|id| doc.entity(id)) else {
        return "nobody".to_owned();
    };
    if entity.status == Status::Rejected {
        format!("{} (rejected entity)", entity.name)
    } else {
        entity.name.clone()
    }
}

fn quote_text(quote: &Quote) -> String {
    quote
        .content
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}
