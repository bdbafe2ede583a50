//! The article laid out once per change: one galley for the whole text, with
//! mentions coloured by label, quotes shaded and a speaker tag before each
//! quote, plus the maps from galley chars back to article chars.
//!
//! Laying out a long article costs far more than a frame, so the view keeps
//! an [`ArticleLayout`] and rebuilds it only when its [`LayoutKey`] changes.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Rect, Stroke};

use super::theme;
use quotecheck_core::model::{Annotations, Quote, Status};

/// Everything the layout depends on; a different key means a new layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutKey {
    /// Which document, and which version of it (bumped on every change).
    pub document: u64,
    pub revision: u64,
    pub wrap_width: f32,
    pub font_size: f32,
    pub dark_mode: bool,
}

/// A speaker tag inserted into the galley before a quote; its chars are not
/// article chars.
#[derive(Debug, Clone, Copy)]
struct SpeakerTag {
    /// The article char the tag stands before.
    article_pos: usize,
    galley_start: usize,
    len: usize,
    /// Chars of this tag and all tags before it.
    chars_through: usize,
    quote: usize,
}

/// What lies under one article char.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextHit {
    /// Index of the entity whose mention covers the char.
    pub entity: Option<usize>,
    /// Index of the (not rejected) quote whose content covers the char.
    pub quote: Option<usize>,
}

pub struct ArticleLayout {
    pub key: LayoutKey,
    pub galley: Arc<Galley>,
    /// In galley order; galley char = article char + chars of tags before it.
    tags: Vec<SpeakerTag>,
    /// Mention spans `(start, end, entity index)`, sorted by start.
    mentions: Vec<(usize, usize, usize)>,
    /// Content spans of quotes shown `(start, end, quote index)`, sorted by start.
    quote_spans: Vec<(usize, usize, usize)>,
}

/// A boundary in the sweep over the text: a span of some kind opens or closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Close(Layer),
    Open(Layer),
    /// A speaker tag goes here, before the quote's first char.
    Tag(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Mention(usize),
    Quote,
    /// A quote the reviewer rejected: struck through, no speaker tag.
    Rejected,
    Cue,
}

impl ArticleLayout {
    /// Lays out `doc` with `layout_job` (egui's font cache, or a test stub).
    pub fn build(
        doc: &Annotations,
        key: LayoutKey,
        layout_job: impl FnOnce(LayoutJob) -> Arc<Galley>,
    ) -> ArticleLayout {
        let text = doc.text();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte_of = |c: usize| chars.get(c).map_or(text.len(), |&(b, _)| b);
        let char_len = chars.len();

        let label_slot = |label: &str| doc.labels.iter().position(|l| l == label).unwrap_or(0);
        let mut mentions = Vec::new();
        for (i, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                mentions.push((m.start.min(char_len), m.end.min(char_len), i));
            }
        }
        mentions.sort_unstable();
        let mut quote_spans = Vec::new();
        let mut marks: Vec<(usize, Mark)> = Vec::new();
        // A rejected quote with the very words of a live one is a duplicate
        // the reviewer turned down: striking it would strike the live one.
        let live_duplicate = |q: &Quote| {
            doc.quotes
                .iter()
                .any(|o| o.status != Status::Rejected && o.content == q.content)
        };
        for (i, q) in doc.quotes.iter().enumerate() {
            if q.content.is_empty() || q.status == Status::Rejected && live_duplicate(q) {
                continue;
            }
            for c in &q.content {
                quote_spans.push((c.start.min(char_len), c.end.min(char_len), i));
            }
            // A rejected quote stays visible, struck through, so the reviewer
            // sees what was decided and can take it back.
            if q.status == Status::Rejected {
                continue;
            }
            marks.push((q.start().min(char_len), Mark::Tag(i)));
            if let Some(cue) = &q.cue {
                marks.push((cue.start.min(char_len), Mark::Open(Layer::Cue)));
                marks.push((cue.end.min(char_len), Mark::Close(Layer::Cue)));
            }
        }
        quote_spans.sort_unstable();
        for &(start, end, quote) in &quote_spans {
            let layer = if doc.quotes[quote].status == Status::Rejected {
                Layer::Rejected
            } else {
                Layer::Quote
            };
            marks.push((start, Mark::Open(layer)));
            marks.push((end, Mark::Close(layer)));
        }
        for &(start, end, entity) in &mentions {
            let slot = label_slot(&doc.entities[entity].label);
            marks.push((start, Mark::Open(Layer::Mention(slot))));
            marks.push((end, Mark::Close(Layer::Mention(slot))));
        }
        // At one offset: close what ends, then place tags, then open what starts.
        marks.sort_unstable_by_key(|&(pos, mark)| {
            let order = match mark {
                Mark::Close(_) => 0,
                Mark::Tag(_) => 1,
                Mark::Open(_) => 2,
            };
            (pos, order)
        });

        let styles = Styles::new(key.font_size, key.dark_mode);
        let mut job = LayoutJob::default();
        job.wrap.max_width = key.wrap_width;
        let mut state = ActiveLayers::new(doc.labels.len());
        let mut tags = Vec::new();
        let mut galley_chars = 0;
        let mut done = 0;
        for (pos, mark) in marks {
            if pos > done {
                let piece = &text[byte_of(done)..byte_of(pos)];
                append_article_text(&mut job, piece, state.format(&styles, doc));
                galley_chars += pos - done;
                done = pos;
            }
            match mark {
                Mark::Open(layer) => state.change(layer, 1),
                Mark::Close(layer) => state.change(layer, -1),
                Mark::Tag(quote) => {
                    let speaker = doc.quotes[quote]
                        .speaker
                        .as_deref()
                        .and_then(|id| doc.entity_name(id));
                    // No-break spaces: a tag never splits across a line wrap.
                    let (label, format) = match speaker {
                        Some(name) => (
                            format!("\u{a0}{}\u{a0}", name.replace(' ', "\u{a0}")),
                            styles.tag.clone(),
                        ),
                        None => ("\u{a0}?\u{a0}".to_owned(), styles.unknown_tag.clone()),
                    };
                    job.append(&label, 0.0, format);
                    job.append(" ", 0.0, styles.plain.clone());
                    let len = label.chars().count() + 1;
                    tags.push(SpeakerTag {
                        article_pos: pos,
                        galley_start: galley_chars,
                        len,
                        chars_through: galley_chars + len - pos,
                        quote,
                    });
                    galley_chars += len;
                }
            }
        }
        if done < char_len {
            append_article_text(&mut job, &text[byte_of(done)..], state.format(&styles, doc));
        }
        ArticleLayout {
            key,
            galley: layout_job(job),
            tags,
            mentions,
            quote_spans,
        }
    }

    /// The galley char of article char `pos` (tags before it counted in).
    pub fn galley_index(&self, pos: usize) -> usize {
        let before = self.tags.partition_point(|t| t.article_pos <= pos);
        pos + before
            .checked_sub(1)
            .map_or(0, |i| self.tags[i].chars_through)
    }

    /// The article char at galley char `index`, or the quote whose speaker
    /// tag is there.
    pub fn article_index(&self, index: usize) -> Result<usize, usize> {
        let after = self.tags.partition_point(|t| t.galley_start <= index);
        match after.checked_sub(1).map(|i| &self.tags[i]) {
            None => Ok(index),
            Some(t) if index < t.galley_start + t.len => Err(t.quote),
            Some(t) => Ok(index - t.chars_through),
        }
    }

    /// What is under the point `pos`, relative to the galley's top left:
    /// the article char, or the quote whose speaker tag is there.
    pub fn article_index_at(&self, pos: egui::Vec2) -> Result<usize, usize> {
        self.article_index(self.galley.cursor_from_pos(pos).index.0)
    }

    /// The mentions and quotes covering article char `pos`.
    pub fn hit(&self, pos: usize) -> TextHit {
        let covering = |spans: &[(usize, usize, usize)]| {
            let candidates = &spans[..spans.partition_point(|s| s.0 <= pos)];
            // The innermost (latest-starting) span that still covers `pos`.
            candidates.iter().rev().find(|s| pos < s.1).map(|s| s.2)
        };
        TextHit {
            entity: covering(&self.mentions),
            quote: covering(&self.quote_spans),
        }
    }

    /// Rectangles (relative to the galley) covering article chars `start..end`,
    /// one per row.
    pub fn span_rects(&self, start: usize, end: usize) -> Vec<Rect> {
        if end <= start {
            return Vec::new();
        }
        let (a, b) = (self.galley_index(start), self.galley_index(end - 1) + 1);
        // A span starting where a row wraps starts on the next row.
        let top = self.galley.pos_from_cursor(CCursor {
            prefer_next_row: true,
            ..CCursor::new(a)
        });
        let bottom = self.galley.pos_from_cursor(CCursor::new(b));
        let mut rects = Vec::new();
        for row in &self.galley.rows {
            let r = row.rect();
            if r.max.y <= top.min.y + 0.5 || r.min.y >= bottom.max.y - 0.5 {
                continue;
            }
            let left = if r.contains(top.center()) {
                top.min.x
            } else {
                r.min.x
            };
            let right = if r.contains(bottom.center()) {
                bottom.max.x
            } else {
                r.max.x
            };
            rects.push(Rect::from_x_y_ranges(left..=right, r.y_range()));
        }
        rects
    }
}

/// Appends article text; a lone `\r` would show as a box, and a space keeps
/// the char count (so offsets) the same.
fn append_article_text(job: &mut LayoutJob, text: &str, format: TextFormat) {
    if text.contains('\r') {
        job.append(&text.replace('\r', " "), 0.0, format);
    } else {
        job.append(text, 0.0, format);
    }
}

/// The formats of one layout.
struct Styles {
    plain: TextFormat,
    quote_background: Color32,
    cue_underline: Stroke,
    rejected_stroke: Stroke,
    tag: TextFormat,
    unknown_tag: TextFormat,
    dark_mode: bool,
}

impl Styles {
    fn new(font_size: f32, dark_mode: bool) -> Styles {
        let text_color = theme::text_color(dark_mode);
        let plain = TextFormat {
            font_id: FontId::proportional(font_size),
            color: text_color,
            line_height: Some(font_size * 1.6),
            valign: egui::Align::Center,
            ..Default::default()
        };
        let tag = TextFormat {
            font_id: FontId::proportional(font_size * 0.75),
            color: Color32::WHITE,
            background: theme::speaker_tag(dark_mode),
            line_height: Some(font_size * 1.6),
            valign: egui::Align::Center,
            ..Default::default()
        };
        let unknown_tag = TextFormat {
            background: theme::unknown_speaker_tag(dark_mode),
            ..tag.clone()
        };
        Styles {
            quote_background: theme::quote_shade(dark_mode),
            cue_underline: Stroke::new(1.5, text_color),
            rejected_stroke: Stroke::new(1.0, text_color.gamma_multiply(0.6)),
            plain,
            tag,
            unknown_tag,
            dark_mode,
        }
    }
}

/// How many spans of each kind cover the sweep's current position.
struct ActiveLayers {
    mentions: Vec<u32>,
    quotes: u32,
    rejected: u32,
    cues: u32,
}

impl ActiveLayers {
    fn new(labels: usize) -> ActiveLayers {
        ActiveLayers {
            mentions: vec![0; labels.max(1)],
            quotes: 0,
            rejected: 0,
            cues: 0,
        }
    }

    fn change(&mut self, layer: Layer, by: i32) {
        let counter = match layer {
            Layer::Mention(slot) => match self.mentions.get_mut(slot) {
                Some(c) => c,
                None => return,
            },
            Layer::Quote => &mut self.quotes,
            Layer::Rejected => &mut self.rejected,
            Layer::Cue => &mut self.cues,
        };
        *counter = counter.saturating_add_signed(by);
    }

    fn format(&self, styles: &Styles, doc: &Annotations) -> TextFormat {
        let mut format = styles.plain.clone();
        if self.quotes > 0 {
            format.background = styles.quote_background;
        }
        if let Some(slot) = self.mentions.iter().position(|&n| n > 0) {
            let label = doc.labels.get(slot).map_or("", String::as_str);
            format.background = theme::label_background(label, styles.dark_mode);
        }
        if self.cues > 0 {
            format.underline = styles.cue_underline;
            format.italics = true;
        }
        // Struck through inside a live quote too ("as the start of a
        // broader invasion", rejected inside the sentence it was taken from).
        if self.rejected > 0 {
            format.strikethrough = styles.rejected_stroke;
        }
        format
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotecheck_core::model::{Annotations, Entity, Origin, QuoteKind, Span, TextIndex};

    /// “Hi,” Ann said. Bob nodded.
    fn doc() -> Annotations {
        let mut doc = Annotations::new("t.txt", "“Hi,” Ann said. Bob nodded.");
        let index = TextIndex::new(doc.text());
        let entity = |id: &str, start, end| {
            let name = index.slice(start, end).to_owned();
            Entity::automatic(
                id.to_owned(),
                "PERSON",
                name,
                vec![Span::new(&index, start, end)],
            )
        };
        doc.entities = vec![entity("e1", 6, 9), entity("e2", 16, 19)];
        doc.quotes = vec![Quote {
            id: "q1".to_owned(),
            kind: QuoteKind::Direct,
            content: vec![Span::new(&index, 0, 5)],
            cue: Some(Span::new(&index, 10, 14)),
            source: Some(Span::new(&index, 6, 9)),
            speaker: Some("e1".to_owned()),
            confidence: None,
            origin: Origin::Auto,
            status: Status::Pending,
            reviewed_by: None,
            extra: Default::default(),
        }];
        doc
    }

    fn layout(doc: &Annotations) -> ArticleLayout {
        let ctx = egui::Context::default();
        let key = LayoutKey {
            document: 1,
            revision: 0,
            wrap_width: 400.0,
            font_size: 14.0,
            dark_mode: false,
        };
        let mut out = None;
        let mut output = ctx.run_ui(Default::default(), |ui| {
            out = Some(ArticleLayout::build(doc, key, |job| {
                ui.fonts_mut(|f| f.layout_job(job))
            }));
        });
        // No renderer takes the font atlas here.
        output.textures_delta.clear();
        out.expect("the pass ran")
    }

    #[test]
    fn speaker_tag_precedes_the_quote_and_maps_back() {
        let doc = doc();
        let layout = layout(&doc);
        // The galley reads the tag, then the article unchanged.
        assert_eq!(
            layout.galley.text(),
            "\u{a0}Ann\u{a0} “Hi,” Ann said. Bob nodded."
        );
        let tag_len = "\u{a0}Ann\u{a0} ".chars().count();
        assert_eq!(layout.galley_index(0), tag_len);
        assert_eq!(layout.galley_index(16), 16 + tag_len);
        assert_eq!(layout.article_index(tag_len + 6), Ok(6));
        // A click on the tag is a click on its quote.
        assert_eq!(layout.article_index(1), Err(0));
    }

    #[test]
    fn hits_name_the_mention_and_the_quote_under_a_char() {
        let layout = layout(&doc());
        assert_eq!(
            layout.hit(1),
            TextHit {
                entity: None,
                quote: Some(0)
            }
        );
        assert_eq!(
            layout.hit(7),
            TextHit {
                entity: Some(0),
                quote: None
            }
        );
        assert_eq!(
            layout.hit(17),
            TextHit {
                entity: Some(1),
                quote: None
            }
        );
        assert_eq!(layout.hit(12), TextHit::default());
    }

    #[test]
    fn a_speaker_tag_never_breaks_across_lines() {
        let mut doc = doc();
        doc.entities[0].name = "Ann Marie Lee".to_owned();
        let layout = layout(&doc);
        let tag: String = layout.galley.text().chars().take(16).collect();
        assert_eq!(tag, "\u{a0}Ann\u{a0}Marie\u{a0}Lee\u{a0} ");
    }

    #[test]
    fn rejected_quotes_have_no_tag_but_stay_visible_and_clickable() {
        let mut doc = doc();
        doc.quotes[0].status = Status::Rejected;
        let layout = layout(&doc);
        assert_eq!(layout.galley.text(), doc.text());
        assert_eq!(layout.hit(1).quote, Some(0));
        assert!(struck(&layout, 1), "the rejected quote is struck through");
        assert!(!struck(&layout, 8), "the text after it is not");
    }

    /// Whether article char `pos` is drawn struck through.
    fn struck(layout: &ArticleLayout, pos: usize) -> bool {
        let job = &layout.galley.job;
        let at = layout.galley_index(pos);
        let byte = job.text.char_indices().nth(at).map(|(b, _)| b);
        job.sections
            .iter()
            .find(|s| byte.is_some_and(|b| s.byte_range.contains(&egui::text::ByteIndex(b))))
            .is_some_and(|s| s.format.strikethrough.width > 0.0)
    }

    #[test]
    fn a_rejected_quote_inside_a_live_one_is_struck_through_and_a_duplicate_is_not() {
        let mut doc = doc();
        let index = TextIndex::new(doc.text());
        let mut inner = doc.quotes[0].clone();
        inner.id = "q2".into();
        inner.content = vec![Span::new(&index, 1, 3)];
        inner.status = Status::Rejected;
        let mut duplicate = doc.quotes[0].clone();
        duplicate.id = "q3".into();
        duplicate.status = Status::Rejected;
        doc.quotes.extend([inner, duplicate]);
        let layout = layout(&doc);
        assert!(struck(&layout, 1), "the rejected words inside q1");
        assert!(!struck(&layout, 4), "q1's other words, which q3 repeats");
    }

    #[test]
    fn span_rects_cover_the_span_on_each_row() {
        let layout = layout(&doc());
        let rects = layout.span_rects(6, 9);
        assert_eq!(rects.len(), 1);
        assert!(rects[0].width() > 5.0);
        let before = layout.span_rects(0, 5)[0];
        assert!(
            before.max.x <= rects[0].min.x + 0.5,
            "quote lies left of Ann"
        );
    }
}
