//! The registry of a folder's people: one person across articles, careful
//! matching of bare surnames, links and attributes, a file that git merges.

use std::path::Path;
use std::process::Command;

use quotecheck_core::format::load_annotations;
use quotecheck_core::model::{Gender, History, Status};
use quotecheck_core::quoted::ArticleFacts;
use quotecheck_core::registry::{Lookup, Match, Registry};

const DIR: &str = "tests/fixtures/report";

fn facts(names: &[&str]) -> Vec<ArticleFacts> {
    names
        .iter()
        .map(|n| {
            let doc = load_annotations(&Path::new(DIR).join(format!("{n}.json"))).unwrap();
            ArticleFacts::of(n, &doc)
        })
        .collect()
}

fn ids(registry: &Registry) -> Vec<&str> {
    let mut ids: Vec<&str> = registry.entries().iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn three_names_of_kuleba_in_three_articles_are_one_entry() {
    let mut registry = Registry::new();
    // c names him at length before b's bare "Kuleba", whatever the order.
    let absorbed = registry.absorb(&facts(&["b", "c", "a"]));
    assert_eq!(
        ids(&registry),
        [
            "anna-berg",
            "dmytro-kuleba",
            "foreign-ministry",
            "olga-petrenko"
        ]
    );
    let kuleba = registry.entry("dmytro-kuleba").unwrap();
    assert_eq!(kuleba.name, "Dmytro Kuleba");
    assert!(kuleba.aliases.contains(&"Kuleba".to_owned()));
    assert!(
        kuleba
            .aliases
            .contains(&"Ukraine's foreign minister Dmytro Kuleba".to_owned())
    );
    let linked: Vec<Option<&str>> = absorbed
        .links
        .iter()
        .map(|l| l[0].map(|i| registry.entries()[i].id.as_str()))
        .collect();
    assert_eq!(
        linked,
        [
            Some("dmytro-kuleba"),
            Some("dmytro-kuleba"),
            Some("dmytro-kuleba")
        ]
    );
    // Reviewed attributes fill the entry; Anna's automatic gender does not.
    assert_eq!(kuleba.attributes.gender, Some(Gender::Man));
    assert_eq!(kuleba.attributes.role.as_deref(), Some("official"));
    assert_eq!(registry.entry("anna-berg").unwrap().attributes.gender, None);
    assert!(absorbed.conflicts.is_empty() && absorbed.ambiguous.is_empty());
}

#[test]
fn a_bare_surname_matches_only_when_one_person_has_it() {
    let mut registry = Registry::new();
    registry.add("Hillary Clinton", "PERSON");
    registry.add("Bill Clinton", "PERSON");
    registry.add("Sergey Lavrov", "PERSON");
    let e = |label: &str, name: &str| quotecheck_core::model::Entity {
        id: "e1".into(),
        label: label.into(),
        name: name.into(),
        mentions: Vec::new(),
        origin: Default::default(),
        status: Status::Pending,
        attributes: None,
        registry: None,
        reviewed_by: None,
        extra: Default::default(),
    };
    assert!(matches!(
        registry.lookup_entity(&e("PERSON", "Clinton")),
        Lookup::Ambiguous(ref v) if v.len() == 2
    ));
    assert!(matches!(
        registry.lookup_entity(&e("PERSON", "Mrs. Clinton")),
        Lookup::Ambiguous(_)
    ));
    match registry.lookup_entity(&e("PERSON", "Lavrov")) {
        Lookup::Found(entry, Match::Surname) => assert_eq!(entry.id, "sergey-lavrov"),
        other => panic!("{other:?}"),
    }
    match registry.lookup_entity(&e("PERSON", "hillary  clinton")) {
        Lookup::Found(entry, Match::Name) => assert_eq!(entry.id, "hillary-clinton"),
        other => panic!("{other:?}"),
    }
    match registry.lookup_entity(&e("PERSON", "Russian Foreign Minister Sergey Lavrov")) {
        Lookup::Found(entry, Match::WithinName) => assert_eq!(entry.id, "sergey-lavrov"),
        other => panic!("{other:?}"),
    }
    // A label is part of who someone is: an organisation is not a person.
    assert_eq!(
        registry.lookup_entity(&e("ORG", "Lavrov")),
        Lookup::NotFound
    );
    // A link decides, whatever the name says.
    let mut linked = e("PERSON", "Clinton");
    linked.registry = Some("bill-clinton".into());
    match registry.lookup_entity(&linked) {
        Lookup::Found(entry, Match::Linked) => assert_eq!(entry.id, "bill-clinton"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_second_person_of_one_name_gets_a_suffix() {
    let mut registry = Registry::new();
    assert_eq!(registry.add("John Smith", "PERSON"), "john-smith");
    assert_eq!(registry.add("John Smith", "PERSON"), "john-smith-2");
    assert_eq!(registry.add("John Smith!", "ORG"), "john-smith-3");
}

#[test]
fn linking_fills_attributes_in_one_undo_step_and_leaves_quotes_alone() {
    let mut registry = Registry::new();
    registry.absorb(&facts(&["a", "c"]));
    let mut b = load_annotations(&Path::new(DIR).join("b.json")).unwrap();
    let before = b.clone();
    let Lookup::Found(entry, _) = registry.lookup_entity(&b.entities[0]) else {
        panic!("Kuleba is in the registry");
    };
    let intent = registry.link(&b.entities[0].id, &entry.id).unwrap();
    let plan = intent.plan(&b).unwrap().unwrap();
    let mut history = History::default();
    history.apply(&mut b, plan.transaction).unwrap();
    let kuleba = &b.entities[0];
    assert_eq!(kuleba.registry.as_deref(), Some("dmytro-kuleba"));
    assert_eq!(kuleba.gender(), Some(Gender::Man));
    assert_eq!(kuleba.attribute("role"), Some("official"));
    assert_eq!(kuleba.status, Status::Edited);
    assert_eq!(b.quotes, before.quotes, "quotes keep their statuses");
    assert!(history.undo(&mut b).unwrap());
    assert_eq!(b, before);
}

#[test]
fn reviewers_who_disagree_are_listed_and_the_registry_keeps_its_value() {
    let mut a = facts(&["a"]);
    let mut other = a[0].clone();
    other.file = "a2".into();
    other.speakers[0].attributes.gender = Some(Gender::Woman);
    a.push(other);
    let mut registry = Registry::new();
    let absorbed = registry.absorb(&a);
    assert_eq!(absorbed.conflicts.len(), 1);
    let c = &absorbed.conflicts[0];
    assert_eq!(
        (c.entry.as_str(), c.key.as_str()),
        ("dmytro-kuleba", "gender")
    );
    assert_eq!(c.kept, None, "no value is taken when reviewers disagree");
    assert_eq!(
        registry.entry("dmytro-kuleba").unwrap().attributes.gender,
        None
    );

    // Once the registry holds a value, it stays; the other file is listed.
    registry
        .set_attribute("dmytro-kuleba", "gender", Some("man"))
        .unwrap();
    let again = registry.absorb(&a);
    assert_eq!(again.conflicts[0].kept.as_deref(), Some("man"));
    assert_eq!(
        again.conflicts[0].values,
        [("woman".to_owned(), "a2".to_owned())]
    );
}

#[test]
fn saving_is_stable_and_loading_gives_the_same_registry() {
    let dir = tempfile::tempdir().unwrap();
    let path = Registry::path_in(dir.path());
    let mut registry = Registry::new();
    registry.absorb(&facts(&["a", "b", "c"]));
    registry.save(&path).unwrap();
    let first = std::fs::read(&path).unwrap();
    let mut loaded = Registry::load(&path).unwrap();
    assert_eq!(loaded.to_json().unwrap(), first);
    // Absorbing the same folder again changes nothing.
    let again = loaded.absorb(&facts(&["c", "a", "b"]));
    assert!(again.added.is_empty() && again.aliases_added == 0);
    assert_eq!(loaded.to_json().unwrap(), first);
}

#[test]
fn a_registry_file_that_breaks_its_rules_is_refused_naming_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    std::fs::write(
        &path,
        r#"{"format": "quotecheck-registry", "version": 1, "entries": [
            {"id": "a", "name": "A", "label": "PERSON", "attributes": {"gender": "female"}},
            {"id": "b", "name": "B", "label": "PERSON"}, {"id": "b", "name": "C", "label": "PERSON"}]}"#,
    )
    .unwrap();
    let err = Registry::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("entry a") && err.contains("\"female\""),
        "{err}"
    );
    std::fs::write(
        &path,
        r#"{"format": "quotecheck-registry", "version": 1, "entries": [
            {"id": "b", "name": "B", "label": "PERSON"}, {"id": "b", "name": "C", "label": "PERSON"}]}"#,
    )
    .unwrap();
    let err = Registry::load(&path).unwrap_err().to_string();
    assert!(err.contains("id b is used by more than one entry"), "{err}");
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn people_added_on_two_branches_merge_in_git_without_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let path = Registry::path_in(repo);
    git(repo, &["init", "-q", "-b", "main"]);
    let mut base = Registry::new();
    for name in [
        "Angela Merkel",
        "Dmytro Kuleba",
        "Olaf Scholz",
        "Xi Jinping",
    ] {
        base.add(name, "PERSON");
    }
    base.save(&path).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);

    git(repo, &["checkout", "-q", "-b", "one"]);
    let mut one = Registry::load(&path).unwrap();
    one.add("Boris Johnson", "PERSON");
    one.add_alias("dmytro-kuleba", "Kuleba");
    one.save(&path).unwrap();
    git(repo, &["commit", "-q", "-am", "one"]);

    git(repo, &["checkout", "-q", "main"]);
    let mut two = Registry::load(&path).unwrap();
    two.add("Sergey Lavrov", "PERSON");
    two.set_attribute("xi-jinping", "gender", Some("man"))
        .unwrap();
    two.save(&path).unwrap();
    git(repo, &["commit", "-q", "-am", "two"]);

    git(repo, &["merge", "-q", "--no-edit", "one"]);
    let merged = Registry::load(&path).unwrap();
    assert_eq!(
        ids(&merged),
        [
            "angela-merkel",
            "boris-johnson",
            "dmytro-kuleba",
            "olaf-scholz",
            "sergey-lavrov",
            "xi-jinping"
        ]
    );
    assert_eq!(merged.entry("dmytro-kuleba").unwrap().aliases, ["Kuleba"]);
    assert_eq!(
        merged.entry("xi-jinping").unwrap().attributes.gender,
        Some(Gender::Man)
    );
}
