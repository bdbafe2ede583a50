//! How long one frame of the review window takes on a long article: a 1 MB
//! text with thousands of mentions and quotes, a quote selected and the
//! pointer moving over the text (so hover details are computed too).
//!
//! Prints the median CPU time of a frame after the first (the first lays the
//! text out), then lets criterion measure the same frame.
//!
//! `cargo bench --bench frame`

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, Vec2};
use quotecheck::app::{App, Settings};
use quotecheck_core::model::{Annotations, Span};

const GOLD: &str = include_str!("../../core/tests/fixtures/blinken-lavrov.gold.json");
const TARGET_BYTES: usize = 1_000_000;
const SCREEN: Vec2 = Vec2::new(1400.0, 900.0);

/// The gold article repeated to 1 MB, each copy with its own entities and
/// quotes (ids renumbered, offsets shifted).
fn big_article() -> Annotations {
    let gold: Annotations = serde_json::from_str(GOLD).unwrap_or_else(|e| panic!("fixture: {e}"));
    let separator = "\n\n";
    let copy_chars = gold.text().chars().count() + separator.chars().count();
    let copies = TARGET_BYTES.div_ceil(gold.text().len() + separator.len());
    let text = vec![gold.text(); copies].join(separator);
    let mut doc = Annotations::new("big.txt", text);
    let shift = |s: &Span, by: usize| Span {
        start: s.start + by,
        end: s.end + by,
        ..s.clone()
    };
    for copy in 0..copies {
        let by = copy * copy_chars;
        let id =
            |old: &str, prefix: &str| format!("{prefix}{copy}_{}", old.trim_start_matches(prefix));
        for e in &gold.entities {
            let mut e = e.clone();
            e.id = id(&e.id, "e");
            e.mentions = e.mentions.iter().map(|m| shift(m, by)).collect();
            doc.entities.push(e);
        }
        for q in &gold.quotes {
            let mut q = q.clone();
            q.id = id(&q.id, "q");
            q.speaker = q.speaker.as_deref().map(|s| id(s, "e"));
            q.content = q.content.iter().map(|c| shift(c, by)).collect();
            q.cue = q.cue.as_ref().map(|c| shift(c, by));
            q.source = q.source.as_ref().map(|c| shift(c, by));
            doc.quotes.push(q);
        }
    }
    doc
}

/// A running window on the big article: an egui context and the app.
struct Window {
    ctx: egui::Context,
    app: App,
    frame: u64,
}

impl Window {
    fn new() -> Window {
        let doc = big_article();
        println!(
            "article: {} bytes, {} entities, {} mentions, {} quotes",
            doc.text().len(),
            doc.entities.len(),
            doc.entities.iter().map(|e| e.mentions.len()).sum::<usize>(),
            doc.quotes.len()
        );
        Window {
            ctx: egui::Context::default(),
            app: App::from_annotations(doc, Settings::default()),
            frame: 0,
        }
    }

    /// One frame: input, the app's ui, and tessellation (what a frame costs
    /// the CPU before the GPU draws it). The pointer wanders over the text.
    fn frame(&mut self, events: Vec<Event>) {
        self.frame += 1;
        let x = 350.0 + (self.frame % 40) as f32 * 15.0;
        let y = 120.0 + (self.frame % 37) as f32 * 18.0;
        let mut events = events;
        events.push(Event::PointerMoved(Pos2::new(x, y)));
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.frame as f64 / 60.0),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.ui(ui));
        // No GPU here to upload the font atlas to.
        output.textures_delta.clear();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
    }
}

/// The thread's CPU time, not wall time, so that the other work sharing the
/// machine does not count.
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill in.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(status, 0, "no thread CPU clock");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn frame_benchmark(c: &mut Criterion) {
    let mut window = Window::new();
    let first = Instant::now();
    window.frame(Vec::new());
    println!("first frame (lays the text out): {:?}", first.elapsed());
    // Select the first quote by key, as a reviewer would.
    window.frame(vec![Event::Key {
        key: egui::Key::J,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }]);
    for _ in 0..5 {
        window.frame(Vec::new());
    }
    let mut times: Vec<Duration> = (0..300)
        .map(|_| {
            let start = cpu_now();
            window.frame(Vec::new());
            cpu_now().saturating_sub(start)
        })
        .collect();
    times.sort();
    println!(
        "median CPU time per frame after the first: {:.2} ms (p90 {:.2} ms, {} frames)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() * 9 / 10].as_secs_f64() * 1e3,
        times.len()
    );
    c.bench_function("frame on a 1 MB article", |b| {
        b.iter(|| window.frame(Vec::new()))
    });
}

criterion_group!(benches, frame_benchmark);
criterion_main!(benches);
