//! The entities, grouped by label with their mention counts, and for the
//! selected one: rename, change label, its attributes (gender, role,
//! knowledge-base id), its person in the folder's registry, merge into
//! another, delete.

use egui::{Button, CollapsingHeader, ComboBox, RichText, Ui};

use super::command::Command;
use super::people::entry_summary;
use super::request::{Request, ViewContext};
use super::theme;
use quotecheck_core::model::{Entity, EntityLabel, Gender, Intent, KB, ROLE, ROLES, Status};
use quotecheck_core::registry::{Lookup, Match};

/// What "auto" beside a value means.
const AUTOMATIC: &str = "Suggested by quotecheck from the article's own words, not yet reviewed: Confirm keeps it, choosing another value replaces it";

/// Groups longer than this start folded, so a huge article's list does not
/// cost every frame.
const OPEN_GROUP_LIMIT: usize = 200;

#[derive(Default)]
pub struct EntitiesPanel {
    /// The name field, and what it was filled from: the document, the
    /// entity and its name then. Another article's entity of the same id,
    /// or a name changed under the field (an undo), fills it again.
    name: String,
    name_of: Option<(u64, String, String)>,
    /// The entity chosen as the target of a merge.
    merge_into: Option<String>,
    /// The knowledge-base id field, and the document, entity and value it
    /// was filled from (so an undo shows in it).
    kb: String,
    kb_of: Option<(u64, String, Option<String>)>,
    /// The role being typed after "other…" was chosen.
    other_role: Option<String>,
    /// Set when "other…" was just chosen, so the role field takes the
    /// keyboard at once.
    focus_other_role: bool,
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
        let filled_from = (open.uid, entity.id.clone(), entity.name.clone());
        if self.name_of.as_ref() != Some(&filled_from) {
            let same_entity = (self.name_of.as_ref())
                .is_some_and(|(uid, id, _)| (*uid, id) == (open.uid, &entity.id));
            self.name = entity.name.clone();
            self.name_of = Some(filled_from);
            if !same_entity {
                self.merge_into = None;
                self.other_role = None;
            }
        }
        ui.label(format!(
            "{} · {:?} · {:?}",
            entity.id, entity.origin, entity.status
        ));
        let mut entered = false;
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            // The rest of the row, and Rename below it: long names
            // ("Ministry of Foreign Affairs of …") stay readable while
            // typed, and a reviewer who widens the panel widens the field.
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(ui.available_width()))
                .labelled_by(label.id);
            entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
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
        self.attributes(ui, cx, entity);
        registry_ui(ui, cx, entity);
        ui.separator();
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

impl EntitiesPanel {
    /// Gender (people only), role and knowledge-base id, each set with a
    /// click (gender also by key); values on a pending entity are marked
    /// automatic until a reviewer confirms or changes them.
    fn attributes(&mut self, ui: &mut Ui, cx: &mut ViewContext, entity: &Entity) {
        let attributes = entity.attributes.clone().unwrap_or_default();
        // The contract: on a pending entity every attribute is automatic.
        let automatic = entity.status == Status::Pending;
        let mark = |ui: &mut Ui, present: bool| {
            if automatic && present {
                ui.weak("auto").on_hover_text(AUTOMATIC);
            }
        };
        let set = |key: &str, value: Option<String>| Intent::SetAttribute {
            entity: entity.id.clone(),
            key: key.to_owned(),
            value,
        };
        if EntityLabel::from_name(&entity.label) == Some(EntityLabel::Person) {
            ui.horizontal_wrapped(|ui| {
                ui.label("Gender");
                for gender in Gender::ALL {
                    let command = Command::SetGender(gender);
                    let selected = attributes.gender == Some(gender);
                    let mut text = RichText::new(command.label());
                    if selected && automatic {
                        text = text.weak().italics();
                    }
                    let hover = command.hover_text(ui.ctx());
                    if ui
                        .add(Button::selectable(selected, text))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        cx.run(command);
                    }
                }
                mark(ui, attributes.gender.is_some());
            });
        }

        let role = attributes.role.as_deref();
        let mut chosen: Option<Option<String>> = None;
        ui.horizontal_wrapped(|ui| {
            ComboBox::from_label("Role")
                .selected_text(role.unwrap_or("—"))
                .show_ui(ui, |ui| {
                    if ui.selectable_label(role.is_none(), "—").clicked() {
                        chosen = Some(None);
                    }
                    for r in ROLES {
                        if ui.selectable_label(role == Some(r), r).clicked() {
                            chosen = Some(Some(r.to_owned()));
                        }
                    }
                    let free = role.is_some_and(|r| !ROLES.contains(&r));
                    if ui.selectable_label(free, "other…").clicked() {
                        let typed = role.filter(|_| free).unwrap_or_default();
                        self.other_role = Some(typed.to_owned());
                        self.focus_other_role = true;
                    }
                });
            mark(ui, role.is_some());
        });
        if let Some(typed) = &mut self.other_role {
            let mut done = false;
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Other role:");
                let field = ui
                    .add(egui::TextEdit::singleline(typed).desired_width(120.0))
                    .labelled_by(label.id);
                if std::mem::take(&mut self.focus_other_role) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let ready = !typed.trim().is_empty();
                if (ui.add_enabled(ready, Button::new("Set role")).clicked() || entered) && ready {
                    chosen = Some(Some(typed.trim().to_owned()));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
            if done {
                self.other_role = None;
            }
        }
        if let Some(value) = chosen
            && value.as_deref() != role
        {
            cx.edit(set(ROLE, value));
        }

        let kb = attributes.kb.clone();
        let filled_from = (cx.doc.uid, entity.id.clone(), kb.clone());
        if self.kb_of.as_ref() != Some(&filled_from) {
            self.kb = kb.clone().unwrap_or_default();
            self.kb_of = Some(filled_from);
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("KB id");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.kb)
                        .desired_width(100.0)
                        .hint_text("Wikidata Q…"),
                )
                .labelled_by(label.id)
                .on_hover_text("The entity's identifier in a knowledge base, such as Wikidata; empty removes it");
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed = Some(self.kb.trim().to_owned()).filter(|t| !t.is_empty());
            let changed = typed != kb;
            if (ui.add_enabled(changed, Button::new("Set id")).clicked() || entered) && changed {
                cx.edit(set(KB, typed));
            }
            mark(ui, kb.is_some());
        });

        if automatic {
            ui.horizontal_wrapped(|ui| {
                if Command::ConfirmEntity.button_with_key(ui, true) {
                    cx.run(Command::ConfirmEntity);
                }
                ui.weak("not reviewed yet");
            });
        }
    }
}

/// The entity's person in the folder's registry: linked, proposed (link
/// with one key), one of several, or not there (add it).
fn registry_ui(ui: &mut Ui, cx: &mut ViewContext, entity: &Entity) {
    if !EntityLabel::name_can_speak(&entity.label) {
        return;
    }
    let Some(people) = cx.people else {
        ui.weak("Open the article's folder to link people across articles.");
        return;
    };
    let Some(registry) = people.registry() else {
        let problems = people.unreadable().unwrap_or_default().join("\n");
        ui.colored_label(
            ui.visuals().error_fg_color,
            "The folder's registry cannot be read: nothing is linked or written.",
        )
        .on_hover_text(problems);
        return;
    };
    let unlink = Intent::LinkRegistry {
        entity: entity.id.clone(),
        link: None,
    };
    if let Some(id) = &entity.registry
        && registry.entry(id).is_none()
    {
        ui.label(format!(
            "Linked to {id}, which the registry lacks: it is added when the article is saved."
        ));
        if ui.button("Unlink").clicked() {
            cx.edit(unlink);
        }
        return;
    }
    match registry.lookup_entity(entity) {
        Lookup::Found(entry, Match::Linked) => {
            let new = match people.is_unsaved_entry(&entry.id) {
                true => ", new (written when the article is saved)",
                false => "",
            };
            ui.label(format!(
                "Linked: {} in the registry{new}: {}",
                entry.name,
                entry_summary(entry)
            ))
            .on_hover_text(
                "The registry's values as last read; what you set on this entity goes into the registry when the article is saved",
            );
            if ui
                .button("Unlink")
                .on_hover_text("This entity is not that person; its attributes stay")
                .clicked()
            {
                cx.edit(unlink);
            }
        }
        Lookup::Found(entry, _) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{} in the registry: {} —",
                    entry.name,
                    entry_summary(entry)
                ));
                if Command::LinkRegistry.button_with_key(ui, true) {
                    cx.run(Command::LinkRegistry);
                }
            });
            if Command::AddToRegistry.button(ui, true) {
                cx.run(Command::AddToRegistry);
            }
        }
        Lookup::Ambiguous(entries) => {
            ui.label(format!("{} could be, in the registry:", entity.name));
            ui.horizontal_wrapped(|ui| {
                for entry in entries {
                    if ui
                        .button(format!("Link {}", entry.name))
                        .on_hover_text(entry_summary(entry))
                        .clicked()
                        && let Some(intent) = registry.link(&entity.id, &entry.id)
                    {
                        cx.edit(intent);
                    }
                }
                if Command::AddToRegistry.button(ui, true) {
                    cx.run(Command::AddToRegistry);
                }
            });
        }
        Lookup::NotFound => {
            ui.horizontal_wrapped(|ui| {
                ui.weak("Not in the registry.");
                if Command::AddToRegistry.button(ui, true) {
                    cx.run(Command::AddToRegistry);
                }
            });
        }
    }
}
