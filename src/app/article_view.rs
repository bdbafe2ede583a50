//! The article: the whole text wrapped and scrollable, mentions coloured by
//! label, quotes shaded with their speaker's tag, the selection outlined.
//! Clicking selects; with a quote selected, clicking a name makes it the
//! speaker; dragging selects text to tag.

use egui::{Pos2, Rect, Sense, Stroke, Ui};

use super::document::{OpenDocument, Selection};
use super::layout::{ArticleLayout, LayoutKey, TextHit};
use super::request::{Request, Reveal, ViewContext};
use super::theme;
use quotecheck_core::model::{
    Annotations, EntityLabel, Intent, QuoteKind, Span, Status, TextIndex,
};

#[derive(Default)]
pub struct ArticleView {
    layout: Option<ArticleLayout>,
    /// Outlines of the selection, cached with what they were computed for:
    /// finding rows is a walk over the galley, too slow to do every frame.
    outlines: Option<(LayoutKey, Selection, Outlines)>,
    /// Where the galley's top-left corner was drawn last frame.
    origin: Option<Pos2>,
    /// The article char where the current drag began.
    drag_anchor: Option<usize>,
    /// Label for "New entity" in the selection bar.
    new_entity_label: String,
    /// Char offsets of the document with this uid, for spans of selections.
    text_index: Option<(u64, TextIndex)>,
    /// What was under the pointer when the context menu was opened, and
    /// the article char there.
    context: Option<(TextHit, Option<usize>)>,
}

#[derive(Default)]
struct Outlines {
    quote: Vec<Rect>,
    mentions: Vec<Rect>,
    text: Vec<Rect>,
}

impl ArticleView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext) {
        let doc = cx.doc;
        // The bar is always there and always two rows high, however many
        // buttons a selection brings: the text must not move under a drag.
        let spacing = ui.spacing();
        let height = 2.0 * spacing.interact_size.y + spacing.item_spacing.y;
        let (_, rect) = ui.allocate_space(egui::vec2(ui.available_width(), height));
        let mut bar = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        bar.shrink_clip_rect(rect);
        match doc.selection.text {
            Some(range) => self.selection_bar(&mut bar, cx, range),
            None => {
                bar.weak("Drag over text to tag it as a mention, an entity or a quote.");
            }
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("article", doc.uid))
            .auto_shrink(false)
            .show(ui, |ui| {
                let key = LayoutKey {
                    document: doc.uid,
                    revision: doc.revision(),
                    // Whole points, so that sub-pixel jitter never relayouts.
                    wrap_width: ui.available_width().floor().max(100.0),
                    font_size: cx.settings.text_size,
                    dark_mode: ui.visuals().dark_mode,
                };
                if self.layout.as_ref().is_none_or(|l| l.key != key) {
                    let layout = ArticleLayout::build(doc.annotations(), key, |job| {
                        ui.fonts_mut(|f| f.layout_job(job))
                    });
                    self.layout = Some(layout);
                }
                let Some(layout) = &self.layout else {
                    return;
                };
                let (rect, response) =
                    ui.allocate_exact_size(layout.galley.size(), Sense::click_and_drag());
                self.origin = Some(rect.min);
                let painter = ui.painter_at(ui.clip_rect());
                painter.galley(
                    rect.min,
                    layout.galley.clone(),
                    theme::text_color(ui.visuals().dark_mode),
                );
                self.paint_outlines(ui, doc, rect.min);
                if let Some(pos) = cx.scroll_text_to
                    && let Some(r) = self
                        .layout
                        .as_ref()
                        .and_then(|l| l.span_rects(pos, pos + 1).first().copied())
                {
                    ui.scroll_to_rect(r.translate(rect.min.to_vec2()), Some(egui::Align::Center));
                }
                self.interact(ui, &response, rect.min, cx);
            });
    }

    /// The screen position of article char `pos` as drawn last frame.
    pub fn screen_point(&self, pos: usize) -> Option<Pos2> {
        let layout = self.layout.as_ref()?;
        let rect = layout.span_rects(pos, pos + 1).first().copied()?;
        Some(rect.center() + self.origin?.to_vec2())
    }

    fn paint_outlines(&mut self, ui: &Ui, doc: &OpenDocument, origin: Pos2) {
        let Some(layout) = &self.layout else {
            return;
        };
        let fresh = self
            .outlines
            .as_ref()
            .is_some_and(|(key, sel, _)| *key == layout.key && *sel == doc.selection);
        if !fresh {
            self.outlines = Some((layout.key, doc.selection.clone(), outlines(layout, doc)));
        }
        let Some((_, _, outlines)) = &self.outlines else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        let painter = ui.painter();
        let clip = ui.clip_rect();
        let shift = origin.to_vec2();
        for r in &outlines.text {
            let r = r.translate(shift);
            if clip.intersects(r) {
                painter.rect_filled(r, 0.0, ui.visuals().selection.bg_fill.gamma_multiply(0.6));
            }
        }
        let stroke = theme::selection_stroke(dark);
        for r in &outlines.quote {
            let r = r.translate(shift);
            if clip.intersects(r) {
                painter.rect_stroke(r, 2.0, stroke, egui::StrokeKind::Outside);
            }
        }
        let mention_stroke = Stroke::new(1.5, ui.visuals().strong_text_color());
        for r in &outlines.mentions {
            let r = r.translate(shift);
            if clip.intersects(r) {
                painter.rect_stroke(r, 2.0, mention_stroke, egui::StrokeKind::Outside);
            }
        }
    }

    fn interact(&mut self, ui: &Ui, response: &egui::Response, origin: Pos2, cx: &mut ViewContext) {
        let doc = cx.doc;
        self.index_text(doc);
        let (Some(layout), Some((_, index))) = (&self.layout, &self.text_index) else {
            return;
        };
        let at = |pos: Pos2| layout.article_index_at(pos - origin);
        if response.drag_started() {
            let press = ui.input(|i| i.pointer.press_origin()).unwrap_or(origin);
            self.drag_anchor = at(press).ok();
        }
        // The release counts too: its frame may bring the last moves, and
        // then the pointer is no longer the widget's to report.
        let pointer = response
            .interact_pointer_pos()
            .or_else(|| ui.input(|i| i.pointer.latest_pos()));
        if (response.dragged() || response.drag_stopped())
            && let (Some(anchor), Some(Ok(here))) = (self.drag_anchor, pointer.map(at))
        {
            let range = index.whole_words(anchor.min(here), anchor.max(here));
            let range = (range.0 < range.1).then_some(range);
            if range != doc.selection.text {
                cx.request(Request::SelectText(range));
            }
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            click(cx, at(pos), layout);
        }
        let hit_at = |pos: Pos2| match at(pos) {
            Ok(c) => (layout.hit(c), Some(c)),
            Err(quote) => (
                TextHit {
                    entity: None,
                    quote: Some(quote),
                },
                None,
            ),
        };
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.context = Some(hit_at(pos));
        }
        if let Some((hit, pos)) = self.context {
            let menu = response.context_menu(|ui| context_menu(ui, cx, hit, pos));
            if menu.is_none() {
                self.context = None;
            }
        } else if let Some(pos) = response.hover_pos() {
            let (hit, _) = hit_at(pos);
            if hit.entity.is_some() || hit.quote.is_some() {
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| hover_details(ui, doc.annotations(), hit));
            }
        }
    }

    /// Indexes the chars of the document's text, once: the text never
    /// changes while a document is open.
    fn index_text(&mut self, doc: &OpenDocument) {
        if self
            .text_index
            .as_ref()
            .is_none_or(|(uid, _)| *uid != doc.uid)
        {
            self.text_index = Some((doc.uid, TextIndex::new(doc.annotations().text())));
        }
    }

    /// Shown while text is selected: make it a mention, an entity or a quote.
    fn selection_bar(&mut self, ui: &mut Ui, cx: &mut ViewContext, (start, end): (usize, usize)) {
        let doc = cx.doc;
        let annotations = doc.annotations();
        self.index_text(doc);
        let Some((_, index)) = &self.text_index else {
            return;
        };
        let span = Span::new(index, start, end);
        if self.new_entity_label.is_empty() || !annotations.labels.contains(&self.new_entity_label)
        {
            self.new_entity_label = annotations.labels.first().cloned().unwrap_or_default();
        }
        // Two rows: what to do with the selection for what is selected
        // already, then what new thing to make of it.
        ui.horizontal(|ui| {
            ui.label(format!("Selected: “{}”", shorten_middle(&span.text, 32)));
            if let Some(q) = doc.selected_quote().map(|q| &annotations.quotes[q]) {
                if ui.button(format!("Set as cue of {}", q.id)).clicked() {
                    cx.edit(Intent::SetCue {
                        quote: q.id.clone(),
                        cue: Some(span.clone()),
                    });
                    cx.request(Request::SelectText(None));
                }
                if ui.button(format!("Set as source of {}", q.id)).clicked() {
                    cx.edit(Intent::SetSource {
                        quote: q.id.clone(),
                        source: Some(span.clone()),
                    });
                    cx.request(Request::SelectText(None));
                }
            }
            if let Some(e) = doc.selected_entity() {
                let entity = &annotations.entities[e];
                if ui
                    .button(format!("Add as mention of {}", entity.name))
                    .clicked()
                {
                    cx.edit(Intent::AddMention {
                        entity: entity.id.clone(),
                        mention: span.clone(),
                    });
                    cx.request(Request::SelectText(None));
                }
            }
        });
        ui.horizontal(|ui| {
            if ui.button("New entity").clicked() {
                cx.edit(Intent::AddEntity {
                    label: self.new_entity_label.clone(),
                    mention: span.clone(),
                });
                cx.request(Request::SelectText(None));
            }
            let caption = ui.label("as");
            egui::ComboBox::from_id_salt("new entity label")
                .selected_text(self.new_entity_label.as_str())
                .show_ui(ui, |ui| {
                    for label in &annotations.labels {
                        ui.selectable_value(
                            &mut self.new_entity_label,
                            label.clone(),
                            label.as_str(),
                        );
                    }
                })
                .response
                .labelled_by(caption.id);
            if ui.button("New quote").clicked() {
                let kind = if looks_quoted(&span.text) {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Indirect
                };
                cx.edit(Intent::AddQuote {
                    kind,
                    content: span.clone(),
                });
                cx.request(Request::SelectText(None));
            }
            if ui.button("Clear selection").clicked() {
                cx.request(Request::SelectText(None));
            }
        });
    }
}

/// A click at article char `at` (or on the speaker tag of a quote).
fn click(cx: &mut ViewContext, at: Result<usize, usize>, layout: &ArticleLayout) {
    let doc = cx.doc;
    let annotations = doc.annotations();
    let quote_id = |i: usize| annotations.quotes.get(i).map(|q| q.id.clone());
    let pos = match at {
        Ok(pos) => pos,
        Err(quote) => {
            cx.request(Request::SelectQuote {
                id: quote_id(quote),
                reveal: Reveal::InPanel,
            });
            return;
        }
    };
    cx.request(Request::SelectText(None));
    let hit = layout.hit(pos);
    if let Some(e) = hit.entity.and_then(|e| annotations.entities.get(e)) {
        let can_speak = EntityLabel::name_can_speak(&e.label);
        // The fast path: with a quote selected, a name clicked outside it
        // becomes its speaker.
        let selected = doc.selected_quote();
        let inside_selected = hit.quote.is_some() && hit.quote == selected;
        if can_speak
            && !inside_selected
            && let Some(q) = selected.and_then(|q| annotations.quotes.get(q))
        {
            // The name clicked is the source: it is what the text says.
            cx.edit(Intent::SetSpeaker {
                quote: q.id.clone(),
                speaker: Some(e.id.clone()),
                mention: e.mentions.iter().find(|m| m.contains(pos)).cloned(),
            });
        }
        cx.request(Request::SelectEntity(Some(e.id.clone())));
        return;
    }
    cx.request(Request::SelectQuote {
        id: hit.quote.and_then(quote_id),
        reveal: Reveal::InPanel,
    });
}

/// The right-click menu over a name or a quote: what a click, a key or a
/// panel would do there, named.
fn context_menu(ui: &mut Ui, cx: &mut ViewContext, hit: TextHit, pos: Option<usize>) {
    let annotations = cx.doc.annotations();
    let selected = cx.doc.selected_quote();
    let mut offered = false;
    if let Some(e) = hit.entity.and_then(|e| annotations.entities.get(e)) {
        // Named explicitly here, a name inside the quote itself may be its
        // speaker too (a click there selects the quote instead).
        if let Some(q) = selected
            .and_then(|q| annotations.quotes.get(q))
            .filter(|_| EntityLabel::name_can_speak(&e.label))
            && ui
                .button(format!("Make {} the speaker of {}", e.name, q.id))
                .clicked()
        {
            cx.edit(Intent::SetSpeaker {
                quote: q.id.clone(),
                speaker: Some(e.id.clone()),
                mention: pos.and_then(|p| e.mentions.iter().find(|m| m.contains(p)).cloned()),
            });
            ui.close();
        }
        if ui.button(format!("Select {}", e.name)).clicked() {
            cx.request(Request::SelectEntity(Some(e.id.clone())));
            ui.close();
        }
        offered = true;
    }
    if let Some(q) = hit.quote.and_then(|q| annotations.quotes.get(q)) {
        if offered {
            ui.separator();
        }
        if ui.button(format!("Select quote {}", q.id)).clicked() {
            cx.request(Request::SelectQuote {
                id: Some(q.id.clone()),
                reveal: Reveal::InPanel,
            });
            ui.close();
        }
        for (status, verb) in [(Status::Accepted, "Accept"), (Status::Rejected, "Reject")] {
            if q.status != status && ui.button(format!("{verb} quote {}", q.id)).clicked() {
                cx.edit(Intent::SetQuoteStatus {
                    quote: q.id.clone(),
                    status,
                });
                ui.close();
            }
        }
        offered = true;
    }
    if !offered {
        ui.weak("Right-click a name or a quote; drag over text to tag it.");
    }
}

fn outlines(layout: &ArticleLayout, doc: &OpenDocument) -> Outlines {
    let annotations = doc.annotations();
    let mut out = Outlines::default();
    if let Some(q) = doc.selected_quote() {
        for span in &annotations.quotes[q].content {
            out.quote.extend(layout.span_rects(span.start, span.end));
        }
    }
    if let Some(e) = doc.selected_entity() {
        for m in &annotations.entities[e].mentions {
            out.mentions.extend(layout.span_rects(m.start, m.end));
        }
    }
    if let Some((start, end)) = doc.selection.text {
        out.text = layout.span_rects(start, end);
    }
    out
}

fn hover_details(ui: &mut Ui, doc: &Annotations, hit: TextHit) {
    if let Some(e) = hit.entity.and_then(|e| doc.entities.get(e)) {
        ui.strong(format!("{} · {}", e.name, e.label));
        ui.label(format!(
            "{} mention{} · {:?} · {:?}",
            e.mentions.len(),
            if e.mentions.len() == 1 { "" } else { "s" },
            e.origin,
            e.status
        ));
    }
    if let Some(q) = hit.quote.and_then(|q| doc.quotes.get(q)) {
        if hit.entity.is_some() {
            ui.separator();
        }
        let speaker = q
            .speaker
            .as_deref()
            .and_then(|id| doc.entity_name(id))
            .unwrap_or("nobody");
        ui.strong(format!("Quote {} · {}", q.id, q.kind.as_str()));
        ui.label(format!("Speaker: {speaker}"));
        if let Some(cue) = &q.cue {
            ui.label(format!("Cue: {}", cue.text));
        }
        if let Some(c) = q.confidence {
            ui.label(format!("Confidence: {c:.2}"));
        }
        ui.label(format!("{:?} · {:?}", q.origin, q.status));
    }
}

/// Starts with a quotation mark: a direct quote rather than reported speech.
fn looks_quoted(text: &str) -> bool {
    text.trim_start()
        .starts_with(['"', '“', '„', '«', '‘', '\''])
}

/// `text` on one line, at most about `max` chars: its start and its end
/// around an ellipsis, since where a selection ends matters as much as
/// where it starts (a drag that ran into the next word shows it).
fn shorten_middle(text: &str, max: usize) -> String {
    let line = one_line(text);
    let chars = line.chars().count();
    if chars <= max {
        return line;
    }
    let head: String = line.chars().take(max / 2).collect();
    let tail: String = line.chars().skip(chars - max / 2).collect();
    format!("{}…{}", head.trim_end(), tail.trim_start())
}

/// The first `max` chars of `text` on one line, with an ellipsis if cut.
pub fn shorten(text: &str, max: usize) -> String {
    let line = one_line(text);
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// `text` with every run of white space, line breaks too, as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
