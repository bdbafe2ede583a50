//! `quotecheck adjudicate` checks its files before any window opens, lists
//! every difference, and gives `eval --agreement`'s figures.

use super::quotecheck;
use super::succeeded;

const ANA: &str = "crates/core/tests/fixtures/adjudicate/ana";
const BEN: &str = "crates/core/tests/fixtures/adjudicate/ben";
const OTHER_TEXT: &str = "crates/core/tests/fixtures/blinken-lavrov.gold.json";

#[test]
fn texts_that_differ_are_refused_before_any_window_naming_both_files() {
    let a = format!("{ANA}/bridge.json");
    let out = quotecheck(&["adjudicate", &a, OTHER_TEXT]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ana/bridge.json"), "{stderr}");
    assert!(
        stderr.contains("fixtures/blinken-lavrov.gold.json"),
        "{stderr}"
    );
    assert!(stderr.contains("texts differ"), "{stderr}");
    // Refused, not sent on to a window (which a build without one names).
    assert!(!stderr.contains("window"), "{stderr}");
}

/// The window saves into an output folder, so it needs one; a list does
/// not (it was refused without one).
#[test]
fn two_folders_need_an_output_folder_but_to_list() {
    let out = quotecheck(&["adjudicate", ANA, BEN]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o OUT_DIR"));
    let out = succeeded(quotecheck(&["adjudicate", ANA, BEN, "--list"]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("13 differences  bridge"), "{stdout}");
}

#[test]
fn list_names_every_difference_with_both_sides() {
    let (a, b) = (format!("{ANA}/bridge.json"), format!("{BEN}/bridge.json"));
    let out = succeeded(quotecheck(&["adjudicate", &a, &b, "--list"]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("(Ana)") && stdout.contains("(Ben)"),
        "{stdout}"
    );
    assert!(stdout.contains(": 13 differences"), "{stdout}");
    let speaker = stdout
        .lines()
        .find(|l| l.starts_with("q3 speaker"))
        .expect("the speaker difference is listed");
    assert!(speaker.contains("A: Maria Lopez") && speaker.contains("B: John Smith"));
}

#[test]
fn agreement_figures_are_eval_agreements() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_string_lossy().into_owned();
    let listed = quotecheck(&["adjudicate", ANA, BEN, "-o", &out, "--list"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let eval = quotecheck(&["eval", "--agreement", ANA, BEN]);
    assert!(eval.status.success());
    let listed = String::from_utf8_lossy(&listed.stdout);
    let eval = String::from_utf8_lossy(&eval.stdout);
    // The queue (most differences first), then eval's lines word for word.
    assert!(listed.starts_with("  13 differences  bridge\n"), "{listed}");
    assert!(listed.ends_with(&*eval), "{listed}\n---\n{eval}");
    assert!(eval.contains("Cohen's kappa 0.500"), "{eval}");
}

/// The folder the settled file goes to is made before the window opens,
/// so that the first save does not fail on it.
#[test]
fn the_output_folder_is_made_before_the_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (format!("{ANA}/bridge.json"), format!("{BEN}/bridge.json"));
    let settled = dir.path().join("settled").join("bridge.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["adjudicate", &a, &b, "-o", settled.to_str().unwrap()])
        // No display: the window cannot open, the checks before it run.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(
        dir.path().join("settled").is_dir(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!settled.exists());
}

/// An article only one reviewer has is left out of the agreement, and
/// named, as `adjudicate` leaves it out: the two commands give the same
/// figures for the same folders.
#[test]
fn agreement_leaves_out_what_only_one_reviewer_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let ana = dir.path().join("ana");
    std::fs::create_dir(&ana).unwrap();
    std::fs::copy(format!("{ANA}/bridge.json"), ana.join("bridge.json")).unwrap();
    std::fs::copy(OTHER_TEXT, ana.join("extra.json")).unwrap();
    let both = succeeded(quotecheck(&["eval", "--agreement", ANA, BEN]));
    let more = succeeded(quotecheck(&[
        "eval",
        "--agreement",
        ana.to_str().unwrap(),
        BEN,
    ]));
    assert_eq!(
        String::from_utf8_lossy(&more.stdout),
        String::from_utf8_lossy(&both.stdout)
    );
    let stderr = String::from_utf8_lossy(&more.stderr);
    assert!(
        stderr.contains("left out") && stderr.contains("extra"),
        "{stderr}"
    );
}

/// `adjudicate --list` said a pair it could not compare on stderr and
/// exited 0, where `eval --agreement` on the same folders fails: a script
/// now hears of it. A file one reviewer has not done yet is no failure.
#[test]
fn list_fails_where_a_pair_cannot_be_compared_as_eval_does() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (folder, from) in [(&a, ANA), (&b, BEN)] {
        std::fs::create_dir(folder).unwrap();
        std::fs::copy(format!("{from}/bridge.json"), folder.join("bridge.json")).unwrap();
    }
    std::fs::copy(OTHER_TEXT, a.join("only-in-a.json")).unwrap();
    let (a_s, b_s) = (a.to_str().unwrap(), b.to_str().unwrap());
    let listed = succeeded(quotecheck(&["adjudicate", a_s, b_s, "--list"]));
    assert!(
        String::from_utf8_lossy(&listed.stderr).contains("only-in-a"),
        "said, but no failure"
    );

    // Another text under the same name in b.
    std::fs::copy(format!("{ANA}/bridge.json"), b.join("only-in-a.json")).unwrap();
    let listed = quotecheck(&["adjudicate", a_s, b_s, "--list"]);
    let eval = quotecheck(&["eval", "--agreement", a_s, b_s]);
    assert_eq!(listed.status.code(), Some(1));
    assert_eq!(eval.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(stderr.contains("texts differ"), "{stderr}");
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(
        stdout.contains("bridge"),
        "the pairs that compare are listed: {stdout}"
    );
}
