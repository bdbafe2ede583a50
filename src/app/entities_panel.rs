//! The entities, grouped by label with their mention counts, and for the
//! selected one: rename, change label, merge into another, delete.

use egui::{CollapsingHeader, ComboBox, Ui};

use super::request::{Request, ViewContext};
use super::theme;
use quotecheck_core::model::Intent;

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
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext) {
        let doc = cx.doc;
        let annotations = doc.annotations();
        ui.heading(format!("Entities {}", annotations.entities.len()));
        if let Some(e) = doc.selected_entity() {
            self.editor(ui, cx, e);
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
                    if members.is_empty() {
                        continue;
                    }
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
                                    cx.request(Request::SelectEntity(Some(e.id.clone())));
                                }
                            }
                        });
                }
            });
    }

    fn editor(&mut self, ui: &mut Ui, cx: &mut ViewContext, index: usize) {
        let open = cx.doc;
        let doc = open.annotations();
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
        ui.horizontal_wrapped(|ui| {
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
            {
                cx.edit(Intent::RenameEntity {
                    entity: entity.id.clone(),
                    name: self.name.clone(),
                });
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
        if label != entity.label {
            cx.edit(Intent::SetEntityLabel {
                entity: entity.id.clone(),
                label,
            });
        }
        ui.horizontal_wrapped(|ui| {
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
                .clone()
                .filter(|id| doc.entity_index(id).is_some());
            if ui
                .add_enabled(target.is_some(), egui::Button::new("Merge"))
                .clicked()
                && let Some(into) = target
            {
                self.merge_into = None;
                cx.edit(Intent::MergeEntities {
                    from: entity.id.clone(),
                    into: into.clone(),
                });
                cx.request(Request::SelectEntity(Some(into)));
            }
        });
        if ui.button("Delete entity").clicked() {
            cx.edit(Intent::DeleteEntity {
                entity: entity.id.clone(),
            });
            cx.request(Request::SelectEntity(None));
        }
    }
}
