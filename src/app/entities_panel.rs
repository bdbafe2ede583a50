//! The entities, grouped by label with their mention counts, and for the
//! selected one: rename, change label, merge into another, delete.

use egui::{CollapsingHeader, ComboBox, Ui};

use super::actions::Action;
use super::document::OpenDocument;
use super::theme;
use quotecheck_core::model::{Annotations, Transaction};

/// Groups longer than this start folded, so a huge article's list does not
/// cost every frame.
const OPEN_GROUP_LIMIT: usize = 200;

#[derive(Default)]
pub struct EntitiesPanel {
    /// The name field, and the entity it was filled from.
    name: String,
    name_of: Option<String>,
    /// The entity chosen as the target of a merge.
    merge_into: Option<String>,
}

impl EntitiesPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &OpenDocument, actions: &mut Vec<Action>) {
        let annotations = &doc.annotations;
        ui.heading(format!("Entities {}", annotations.entities.len()));
        if let Some(e) = doc.selected_entity() {
            self.editor(ui, annotations, e, actions);
        } else {
            ui.weak("Click a name in the text or below to edit it. Select text to tag it.");
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("entity list", doc.uid))
            .auto_shrink(false)
            .show(ui, |ui| {
                for label in &annotations.labels {
                    let members: Vec<usize> = (0..annotations.entities.len())
                        .filter(|&i| annotations.entities[i].label == *label)
                        .collect();
                    let title = egui::RichText::new(format!("{label} ({})", members.len()))
                        .color(theme::label_color(label));
                    CollapsingHeader::new(title)
                        .id_salt(("label group", label))
                        .default_open(members.len() <= OPEN_GROUP_LIMIT)
                        .show(ui, |ui| {
                            for i in members {
                                let e = &annotations.entities[i];
                                let selected =
                                    doc.selection.entity.as_deref() == Some(e.id.as_str());
                                let text = format!("{} · {}", e.name, e.mentions.len());
                                if ui.selectable_label(selected, text).clicked() {
                                    actions.push(Action::SelectEntity(Some(e.id.clone())));
                                }
                            }
                        });
                }
            });
    }

    fn editor(&mut self, ui: &mut Ui, doc: &Annotations, index: usize, actions: &mut Vec<Action>) {
        let entity = &doc.entities[index];
        if self.name_of.as_deref() != Some(entity.id.as_str()) {
            self.name = entity.name.clone();
            self.name_of = Some(entity.id.clone());
            self.merge_into = None;
        }
        ui.label(format!(
            "{} · {:?} · {:?}",
            entity.id, entity.origin, entity.status
        ));
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(130.0))
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let changed = !self.name.trim().is_empty() && self.name.trim() != entity.name;
            if (ui
                .add_enabled(changed, egui::Button::new("Rename"))
                .clicked()
                || entered)
                && changed
                && let Some(tx) = Transaction::rename_entity(doc, index, &self.name)
            {
                actions.push(Action::Apply(tx));
            }
        });
        let mut label = entity.label.clone();
        ComboBox::from_label("Label")
            .selected_text(label.as_str())
            .show_ui(ui, |ui| {
                for l in &doc.labels {
                    ui.selectable_value(&mut label, l.clone(), l.as_str());
                }
            });
        if label != entity.label
            && let Some(tx) = Transaction::set_entity_label(doc, index, &label)
        {
            actions.push(Action::Apply(tx));
        }
        ui.horizontal(|ui| {
            let target_name = self
                .merge_into
                .as_deref()
                .and_then(|id| doc.entity_name(id))
                .unwrap_or("choose…");
            ComboBox::from_label("Merge into")
                .selected_text(target_name)
                .show_ui(ui, |ui| {
                    for other in doc.entities.iter().filter(|o| o.id != entity.id) {
                        let text = format!("{} ({})", other.name, other.label);
                        ui.selectable_value(&mut self.merge_into, Some(other.id.clone()), text);
                    }
                });
            let target = self
                .merge_into
                .as_deref()
                .and_then(|id| doc.entity_index(id));
            if ui
                .add_enabled(target.is_some(), egui::Button::new("Merge"))
                .clicked()
                && let Some(tx) = target.and_then(|t| Transaction::merge_entities(doc, index, t))
            {
                actions.push(Action::Apply(tx));
                actions.push(Action::SelectEntity(self.merge_into.take()));
            }
        });
        if ui.button("Delete entity").clicked()
            && let Some(tx) = Transaction::delete_entity(doc, index)
        {
            actions.push(Action::Apply(tx));
            actions.push(Action::SelectEntity(None));
        }
    }
}
