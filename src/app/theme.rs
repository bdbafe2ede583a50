//! Colours of the article, chosen for the light and the dark theme alike, so
//! that the system theme can switch at any time.

use egui::Color32;

pub fn text_color(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(225)
    } else {
        Color32::from_gray(20)
    }
}

/// The base hue of each of the default labels; other labels share a grey.
fn label_rgb(label: &str) -> (u8, u8, u8) {
    match label {
        "PERSON" => (66, 133, 244),
        "ORG" => (230, 126, 34),
        "LOC" => (39, 174, 96),
        "MISC" => (155, 89, 182),
        _ => (127, 140, 141),
    }
}

/// Behind a mention: the label's hue, light enough to read text on it.
pub fn label_background(label: &str, dark_mode: bool) -> Color32 {
    let (r, g, b) = label_rgb(label);
    if dark_mode {
        Color32::from_rgb(r / 2, g / 2, b / 2)
    } else {
        let lighten = |c: u8| c + (255 - c) / 3 * 2;
        Color32::from_rgb(lighten(r), lighten(g), lighten(b))
    }
}

/// The label's full hue, for swatches in the panels.
pub fn label_color(label: &str) -> Color32 {
    let (r, g, b) = label_rgb(label);
    Color32::from_rgb(r, g, b)
}

pub fn quote_shade(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(70, 62, 28)
    } else {
        Color32::from_rgb(255, 243, 196)
    }
}

pub fn speaker_tag(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(40, 90, 170)
    } else {
        Color32::from_rgb(45, 95, 185)
    }
}

pub fn unknown_speaker_tag(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(150, 50, 50)
    } else {
        Color32::from_rgb(190, 60, 60)
    }
}

/// The outline drawn around what is selected.
pub fn selection_stroke(dark_mode: bool) -> egui::Stroke {
    let color = if dark_mode {
        Color32::from_rgb(255, 200, 60)
    } else {
        Color32::from_rgb(200, 40, 40)
    };
    egui::Stroke::new(2.0, color)
}
