//! People in the window: attributes of entities set by click and by key,
//! the folder's registry proposed, linked and written back when an article
//! is saved (and then counted by `quotecheck report`), and the "Quoted:"
//! figures of the article and of the folder.

use quotecheck::commands::report::{ReportArgs, run as run_report};
use quotecheck_core::model::{Entity, Gender};
use quotecheck_core::registry::Registry;

use super::*;

/// Clicks the entity's row in the Entities panel ("Antony Blinken · 2").
fn select_entity(harness: &mut Harness<'_, App>, name: &str) {
    let row = format!("{name} · ");
    harness
        .get_by(|n| n.label().is_some_and(|l| l.starts_with(&row)))
        .click();
    wait_for_files(harness);
}

fn entity<'h>(harness: &'h Harness<'_, App>, name: &str) -> &'h Entity {
    doc(harness)
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}"))
}

fn gender(harness: &Harness<'_, App>, name: &str) -> Option<Gender> {
    entity(harness, name).attributes.as_ref()?.gender
}

fn attribute<'h>(harness: &'h Harness<'_, App>, name: &str, key: &str) -> Option<&'h str> {
    entity(harness, name).attributes.as_ref()?.get(key)
}

/// Chooses `value` in the Role box of the selected entity.
fn choose_role(harness: &mut Harness<'_, App>, value: &str) {
    harness.get_by_label("Role").click();
    wait_for_files(harness);
    harness.get_by_label(value).click();
    wait_for_files(harness);
}

/// The line of the folder's figures in the queue panel.
fn folder_line(harness: &Harness<'_, App>) -> String {
    // A label's text is its accesskit value; its text runs (children)
    // hold pieces of it, so the longest is the whole line.
    harness
        .query_all_by(|n| {
            n.value()
                .is_some_and(|l| l.starts_with("Quoted in the folder:"))
        })
        .filter_map(|n| n.value())
        .max_by_key(String::len)
        .expect("the folder's figures are shown")
}

/// Presses `pressed` one after another, each time until the window has
/// settled: in a folder every edit has the folder's figures counted again
/// on a thread that repaints the window when done.
fn keys(harness: &mut Harness<'_, App>, pressed: &[Key]) {
    for &key in pressed {
        harness.key_press(key);
        wait_for_files(harness);
    }
}

/// A folder of articles named by `articles` (name, text), each extracted
/// as `quotecheck extract` would when it opens.
fn folder_with(articles: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    for (name, text) in articles {
        std::fs::write(folder.join(format!("{name}.txt")), text).unwrap();
    }
    (dir, folder)
}

const HART: (&str, &str) = (
    "a",
    "“The bridge is safe,” engineer Tom Hart told reporters on Monday.",
);

/// A registry with Tom Hart (a man, an expert) and Ann Lee (a woman, an
/// official), written into `folder`.
fn registry_in(folder: &Path) -> PathBuf {
    let mut registry = Registry::new();
    for (name, gender, role) in [
        ("Tom Hart", "man", "expert"),
        ("Ann Lee", "woman", "official"),
    ] {
        let id = registry.add(name, "PERSON");
        registry.set_attribute(&id, "gender", Some(gender)).unwrap();
        registry.set_attribute(&id, "role", Some(role)).unwrap();
    }
    let path = Registry::path_in(folder);
    registry.save(&path).unwrap();
    path
}

fn report_people(folder: &Path, out: &Path) -> String {
    let args = ReportArgs {
        inputs: vec![folder.to_owned()],
        html: None,
        csv: Some(out.to_owned()),
        registry: None,
        metadata: None,
        top: 10,
    };
    assert_eq!(run_report(&args), 0, "the report runs");
    std::fs::read_to_string(out.join("people.csv")).unwrap()
}

#[test]
fn attributes_are_set_by_click_and_by_key_and_leave_the_quotes_alone() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    let quotes = doc(&harness).quotes.clone();
    select_entity(&mut harness, "Antony Blinken");

    harness.get_by_label("Woman").click();
    wait_for_files(&mut harness);
    assert_eq!(gender(&harness, "Antony Blinken"), Some(Gender::Woman));
    assert_eq!(entity(&harness, "Antony Blinken").status, Status::Edited);
    // The keys, while the entity is selected.
    keys(&mut harness, &[Key::M]);
    assert_eq!(gender(&harness, "Antony Blinken"), Some(Gender::Man));
    keys(&mut harness, &[Key::N]);
    assert_eq!(gender(&harness, "Antony Blinken"), Some(Gender::Nonbinary));
    keys(&mut harness, &[Key::U]);
    assert_eq!(gender(&harness, "Antony Blinken"), Some(Gender::Unknown));

    choose_role(&mut harness, "official");
    assert_eq!(
        attribute(&harness, "Antony Blinken", "role"),
        Some("official")
    );
    // A role of its own, typed.
    choose_role(&mut harness, "other…");
    harness.get_by_label("Other role:").type_text("diplomat");
    wait_for_files(&mut harness);
    harness.get_by_label("Set role").click();
    wait_for_files(&mut harness);
    assert_eq!(
        attribute(&harness, "Antony Blinken", "role"),
        Some("diplomat")
    );

    harness.get_by_label("KB id").focus();
    wait_for_files(&mut harness);
    harness.get_by_label("KB id").type_text("Q16258");
    wait_for_files(&mut harness);
    harness.get_by_label("Set id").click();
    wait_for_files(&mut harness);
    assert_eq!(attribute(&harness, "Antony Blinken", "kb"), Some("Q16258"));

    assert_eq!(doc(&harness).quotes, quotes, "no quote touched");
    let others = doc(&harness).entities.iter().filter(|e| e.id != "e1");
    assert!(
        others.clone().all(|e| e.attributes.is_none()),
        "nobody else"
    );

    // Each is one step back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    wait_for_files(&mut harness);
    assert_eq!(attribute(&harness, "Antony Blinken", "kb"), None);
    assert_eq!(
        attribute(&harness, "Antony Blinken", "role"),
        Some("diplomat")
    );

    // Places have no gender: the keys do nothing there.
    select_entity(&mut harness, "Moscow");
    keys(&mut harness, &[Key::W]);
    assert_eq!(entity(&harness, "Moscow").attributes, None);
}

#[test]
fn automatic_values_show_as_such_until_confirmed() {
    let (_dir, folder) = folder_with(&[(
        "a",
        "“We will build it,” Mr. Tom Hart said on Monday, and the council agreed.",
    )]);
    let mut harness = window(vec![folder]);
    assert_eq!(entity(&harness, "Tom Hart").status, Status::Pending);
    assert_eq!(
        gender(&harness, "Tom Hart"),
        Some(Gender::Man),
        "suggested from 'Mr.'"
    );
    select_entity(&mut harness, "Tom Hart");
    harness.get_by_label("auto");
    harness.get_by_label("not reviewed yet");

    keys(&mut harness, &[Key::C]);
    let hart = entity(&harness, "Tom Hart");
    assert_eq!(hart.status, Status::Accepted);
    assert_eq!(
        hart.attributes.as_ref().and_then(|a| a.gender),
        Some(Gender::Man),
        "confirmed as it was"
    );
    assert!(harness.query_by_label("auto").is_none(), "a reviewer's now");
}

#[test]
fn the_registry_proposes_its_person_and_linking_fills_the_attributes() {
    let (_dir, folder) = folder_with(&[HART]);
    registry_in(&folder);
    let mut harness = window(vec![folder]);
    select_entity(&mut harness, "Tom Hart");
    harness.get_by_label("Tom Hart in the registry: expert, man —");
    let quotes = doc(&harness).quotes.clone();

    keys(&mut harness, &[Key::L]);
    let hart = entity(&harness, "Tom Hart");
    assert_eq!(hart.registry.as_deref(), Some("tom-hart"));
    assert_eq!(
        hart.attributes
            .as_ref()
            .map(|a| (a.gender, a.role.as_deref())),
        Some((Some(Gender::Man), Some("expert")))
    );
    assert_eq!(hart.status, Status::Edited);
    assert_eq!(doc(&harness).quotes, quotes);
    harness.get_by_label("Linked: Tom Hart in the registry: expert, man");

    // Unlinked again, the attributes stay; linking is one undo step.
    harness.get_by_label("Unlink").click();
    wait_for_files(&mut harness);
    assert_eq!(entity(&harness, "Tom Hart").registry, None);
    assert_eq!(gender(&harness, "Tom Hart"), Some(Gender::Man));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    wait_for_files(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    wait_for_files(&mut harness);
    assert_eq!(entity(&harness, "Tom Hart").registry, None);
    assert_ne!(
        attribute(&harness, "Tom Hart", "role"),
        Some("expert"),
        "the link's attributes go with it"
    );
}

#[test]
fn an_attribute_set_in_the_window_reaches_the_registry_and_the_report() {
    let (dir, folder) = folder_with(&[HART]);
    let registry = registry_in(&folder);
    let mut harness = window(vec![folder.clone()]);
    select_entity(&mut harness, "Tom Hart");
    keys(&mut harness, &[Key::L]);
    choose_role(&mut harness, "spokesperson");
    // Until the article is saved, the registry file is as it was.
    let before = Registry::load(&registry).unwrap();
    assert_eq!(
        before.entry("tom-hart").unwrap().attributes.role.as_deref(),
        Some("expert")
    );

    // Meanwhile another reviewer adds someone and changes Ann Lee.
    let mut theirs = before.clone();
    let ortiz = theirs.add("Maria Ortiz", "PERSON");
    theirs
        .set_attribute(&ortiz, "gender", Some("woman"))
        .unwrap();
    theirs
        .set_attribute("ann-lee", "role", Some("expert"))
        .unwrap();
    theirs.save(&registry).unwrap();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_files(&mut harness);
    assert!(
        harness.state().reports().is_empty(),
        "{:?}",
        harness.state().reports()
    );
    let after = Registry::load(&registry).unwrap();
    let hart = after.entry("tom-hart").unwrap();
    assert_eq!(hart.attributes.role.as_deref(), Some("spokesperson"));
    assert_eq!(hart.attributes.gender, Some(Gender::Man));
    // Reread and merged: the other reviewer's work is all there.
    assert_eq!(
        after.entry("maria-ortiz").unwrap().attributes.gender,
        Some(Gender::Woman)
    );
    assert_eq!(
        after.entry("ann-lee").unwrap().attributes.role.as_deref(),
        Some("expert")
    );
    harness.get_by_label_contains("1 change(s) written");

    let people = report_people(&folder, &dir.path().join("tables"));
    let row = people
        .lines()
        .find(|l| l.contains(",Tom Hart,"))
        .unwrap_or_else(|| panic!("Tom Hart is quoted: {people}"));
    let cells: Vec<&str> = row.split(',').collect();
    // rank, registry_id, name, label, gender, gender_reviewed, role, role_reviewed…
    assert_eq!(
        cells[1..8],
        [
            "tom-hart",
            "Tom Hart",
            "PERSON",
            "man",
            "true",
            "spokesperson",
            "true"
        ]
    );
}

#[test]
fn a_value_another_reviewer_changed_meanwhile_is_not_overwritten() {
    let (_dir, folder) = folder_with(&[HART]);
    let registry = registry_in(&folder);
    let mut harness = window(vec![folder]);
    select_entity(&mut harness, "Tom Hart");
    keys(&mut harness, &[Key::L]);
    choose_role(&mut harness, "spokesperson");

    let mut theirs = Registry::load(&registry).unwrap();
    theirs
        .set_attribute("tom-hart", "role", Some("official"))
        .unwrap();
    theirs.save(&registry).unwrap();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_files(&mut harness);
    let report = harness
        .state()
        .reports()
        .first()
        .expect("the reviewer is told");
    assert!(report.problems[0].contains("\"official\""), "{report:?}");
    let after = Registry::load(&registry).unwrap();
    assert_eq!(
        after.entry("tom-hart").unwrap().attributes.role.as_deref(),
        Some("official")
    );
    // The article keeps what its reviewer chose.
    assert_eq!(
        attribute(&harness, "Tom Hart", "role"),
        Some("spokesperson")
    );
}

#[test]
fn a_new_person_is_added_to_the_registry_when_the_article_is_saved() {
    let (_dir, folder) = folder_with(&[HART]);
    let mut harness = window(vec![folder.clone()]);
    let registry = Registry::path_in(&folder);
    select_entity(&mut harness, "Tom Hart");
    harness.get_by_label("Not in the registry.");
    harness.get_by_label("Add to registry").click();
    wait_for_files(&mut harness);
    assert_eq!(
        entity(&harness, "Tom Hart").registry.as_deref(),
        Some("tom-hart")
    );
    keys(&mut harness, &[Key::M]);
    assert!(!registry.exists(), "written only with the article");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_files(&mut harness);
    let saved = Registry::load(&registry).unwrap();
    let hart = saved.entry("tom-hart").expect("the new person");
    assert_eq!(
        (hart.name.as_str(), hart.label.as_str()),
        ("Tom Hart", "PERSON")
    );
    assert_eq!(hart.attributes.gender, Some(Gender::Man));
}

#[test]
fn a_registry_that_does_not_read_is_reported_and_never_written() {
    let (_dir, folder) = folder_with(&[HART]);
    let registry = Registry::path_in(&folder);
    std::fs::write(&registry, "{ \"format\": \"quotecheck-registry\", ").unwrap();
    let mut harness = window(vec![folder]);
    let report = harness.state().reports().first().expect("a report");
    assert!(report.title.contains("cannot be read"), "{report:?}");
    harness.get_by_label("Dismiss").click();
    wait_for_files(&mut harness);

    select_entity(&mut harness, "Tom Hart");
    harness.get_by_label_contains("registry cannot be read");
    assert!(
        !harness
            .state()
            .can_run(quotecheck::app::Command::AddToRegistry)
    );
    keys(&mut harness, &[Key::M]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_files(&mut harness);
    assert_eq!(
        std::fs::read_to_string(&registry).unwrap(),
        "{ \"format\": \"quotecheck-registry\", "
    );
}

#[test]
fn the_quoted_line_follows_speakers_and_genders() {
    let (_dir, path) = gold_copy();
    let mut harness = window(vec![path]);
    // Blinken and Kuleba speak; q5 has nobody.
    harness.get_by_label("Quoted: 2 people (2 unknown)");

    select_entity(&mut harness, "Antony Blinken");
    keys(&mut harness, &[Key::M]);
    harness.get_by_label("Quoted: 2 people (1 man, 1 unknown)");

    click_quote_row(&mut harness, "q5");
    harness.get_by_label("Speaker").click();
    wait_for_files(&mut harness);
    harness.get_by_label("Sergey Lavrov").click();
    wait_for_files(&mut harness);
    harness.get_by_label("Quoted: 3 people (1 man, 2 unknown)");

    // Kuleba's quotes rejected, he is quoted no more.
    click_quote_row(&mut harness, "q6");
    keys(&mut harness, &[Key::X, Key::X, Key::X]);
    harness.get_by_label("Quoted: 2 people (1 man, 1 unknown)");
}

#[test]
fn the_folder_figures_count_each_person_once_and_follow_saves() {
    let (_dir, folder) = folder_with(&[
        ("a", "“We will build it,” Mayor Ann Lee said on Monday."),
        ("b", HART.1),
        (
            "c",
            "“Nobody asked us,” resident Maria Ortiz said. “We did ask,” Mayor Ann Lee said.",
        ),
    ]);
    // b was reviewed before: Tom Hart is a man.
    let mut b = quotecheck_core::extract::extract("b.txt", HART.1);
    for e in b.entities.iter_mut().filter(|e| e.name == "Tom Hart") {
        e.status = Status::Accepted;
        e.attributes = Some(quotecheck_core::model::Attributes {
            gender: Some(Gender::Man),
            ..Default::default()
        });
    }
    quotecheck_core::format::save_annotations(&folder.join("b.json"), &b).unwrap();

    let mut harness = window(vec![folder]);
    // b as saved, and a as it is open.
    assert_eq!(
        folder_line(&harness),
        "Quoted in the folder: 2 people (1 man, 1 unknown)"
    );
    select_entity(&mut harness, "Ann Lee");
    keys(&mut harness, &[Key::W]);
    wait_for_files(&mut harness);
    assert_eq!(
        folder_line(&harness),
        "Quoted in the folder: 2 people (1 woman, 1 man)",
        "the open article as it is edited"
    );

    // On to c (a is saved on the way): Ann Lee speaks there too, and is
    // one person across the two.
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
        wait_for_files(&mut harness);
    }
    assert!(harness.state().title().contains("c.json"));
    assert_eq!(
        folder_line(&harness),
        "Quoted in the folder: 3 people (1 woman, 1 man, 1 unknown)"
    );
}
