//! The line at the bottom: how far the review is, what is open, whether it
//! is saved, and files still opening.

use egui::Ui;

use super::document::OpenDocument;
use super::loading::LoadJob;
use super::request::Request;

pub fn ui(
    ui: &mut Ui,
    doc: Option<&OpenDocument>,
    loads: &[LoadJob],
    message: Option<&str>,
    requests: &mut Vec<Request>,
) {
    ui.horizontal(|ui| {
        if let Some(doc) = doc {
            let (reviewed, total) = doc.annotations().quote_progress();
            ui.label(format!("Quotes reviewed {reviewed}/{total}"));
            ui.separator();
            ui.label(format!("{} entities", doc.annotations().entities.len()));
            ui.separator();
            let file = doc
                .own_file
                .as_ref()
                .or(doc.save_path.as_ref())
                .map_or_else(|| doc.display_name.clone(), |p| p.display().to_string());
            ui.label(file);
            if doc.is_dirty() {
                ui.separator();
                ui.strong("unsaved");
            }
            if let Some(notice) = &doc.notice {
                ui.separator();
                ui.colored_label(ui.visuals().warn_fg_color, notice);
            }
        }
        if let Some(message) = message {
            ui.separator();
            ui.label(message);
        }
        if !loads.is_empty() {
            ui.separator();
            ui.spinner();
            for load in loads {
                ui.label(format!("Opening {}", load.name));
                ui.add(
                    egui::ProgressBar::new(load.progress())
                        .desired_width(120.0)
                        .show_percentage(),
                );
            }
            if ui.button("Cancel").clicked() {
                requests.push(Request::CancelLoading);
            }
        }
    });
}
