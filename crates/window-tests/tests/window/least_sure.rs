//! View → Least sure first: the quotes, and a folder's articles, in the
//! order a reviewer short of time wants them.

use quotecheck::app::{App, Settings};
use quotecheck_core::extract::extract;
use quotecheck_core::format::save_annotations;

use super::*;

#[test]
fn next_steps_through_the_quotes_least_sure_first_once_asked() {
    let mut harness = window(Vec::new());
    let annotations = doc(&harness).clone();
    let ids = |order: Vec<usize>| -> Vec<String> {
        order
            .into_iter()
            .map(|i| annotations.quotes[i].id.clone())
            .collect()
    };
    let step_through = |harness: &mut Harness<'_, App>| -> Vec<String> {
        press(harness, &[Key::Escape]);
        (0..annotations.quotes.len())
            .map(|_| {
                press(harness, &[Key::J]);
                selected_quote(harness).expect("a quote").to_owned()
            })
            .collect()
    };
    let reading = ids((0..annotations.quotes.len()).collect());
    assert_eq!(step_through(&mut harness), reading);

    menu(&mut harness, "View", "Least sure first");
    assert!(harness.state().settings().least_sure_first);
    let least_sure = ids(annotations.quotes_least_sure_first());
    assert_ne!(
        least_sure, reading,
        "the sample's quotes are not equally sure"
    );
    assert_eq!(step_through(&mut harness), least_sure);
    // The editor says how sure the extractor was.
    let first = &annotations.quotes[annotations.quotes_least_sure_first()[0]];
    let editor = format!("{} · ", first.id);
    let confidence = format!("confidence {:.2}", first.confidence.unwrap());
    press(&mut harness, &[Key::Escape, Key::J]);
    // (egui gives a label's text to accessibility as its value.)
    harness.get_by(|n| {
        n.role() == egui::accesskit::Role::Label
            && n.value()
                .is_some_and(|l| l.starts_with(&editor) && l.ends_with(&confidence))
    });

    menu(&mut harness, "View", "Least sure first");
    assert!(!harness.state().settings().least_sure_first);
    assert_eq!(step_through(&mut harness), reading);
}

#[test]
fn a_folder_lists_its_articles_least_sure_first_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        ("a", "“We will build it,” Mayor Ann Lee said on Monday."),
        (
            "b",
            "Officials say the bridge may close, according to a report.",
        ),
        ("c", "“Nobody asked us,” resident Maria Ortiz said."),
        ("d", "The river rose overnight and the town slept."),
    ];
    let mut least = Vec::new();
    for (name, text) in texts {
        let file = format!("{name}.txt");
        std::fs::write(dir.path().join(&file), text).unwrap();
        // b and c extracted beforehand (as `quotecheck extract` does); a and
        // d not yet.
        if name == "c" || name == "b" {
            let annotations = extract(&file, text);
            least.push((annotations.least_sure_pending(), file.clone()));
            save_annotations(&dir.path().join(format!("{name}.json")), &annotations).unwrap();
        }
    }
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        let queue = harness.state().queue().expect("a queue");
        (queue.items.iter())
            .map(|i| {
                i.article
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    let settings = Settings {
        least_sure_first: true,
        ..Settings::default()
    };
    let app = App::new(vec![dir.path().to_owned()], settings, None);
    let mut harness = window_with(app);

    // The extracted ones by their least sure quote, then the rest by name.
    least.sort_by(|a, b| a.0.unwrap().total_cmp(&b.0.unwrap()));
    let mut expected: Vec<String> = least.into_iter().map(|(_, f)| f).collect();
    expected.extend(["a.txt".to_owned(), "d.txt".to_owned()]);
    assert_eq!(names(&harness), expected);
    let current = harness.state().queue().unwrap().current_item().cloned();

    menu(&mut harness, "View", "Least sure first");
    wait_for_files(&mut harness);
    assert_eq!(names(&harness), ["a.txt", "b.txt", "c.txt", "d.txt"]);
    let queue = harness.state().queue().unwrap();
    assert_eq!(
        queue.current_item().map(|i| &i.article),
        current.as_ref().map(|i| &i.article),
        "the article under review stays the current one"
    );
}
