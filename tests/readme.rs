//! The README stays true: its key list is the keymap, its commands exist.

use flywheel::tui::keymap::KEYMAP;

fn keys_markdown() -> String {
    let mut out = String::from("| where | keys | what they do |\n|---|---|---|\n");
    for b in KEYMAP.iter() {
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            b.scope.title(),
            b.keys_text,
            b.label
        ));
    }
    out
}

#[test]
fn the_readme_lists_every_key_binding() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start =
        readme.find("<!-- keys:start -->\n").expect("start marker") + "<!-- keys:start -->\n".len();
    let end = readme.find("<!-- keys:end -->").expect("end marker");
    let expected = keys_markdown();
    assert!(
        readme[start..end] == expected,
        "README.md's key table is stale; put this between the markers:\n{expected}"
    );
}

#[test]
fn the_readme_names_the_two_commands_and_ci_runs_the_test_command() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("cargo run --release "));
    assert!(readme.contains("cargo test "));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        "CI runs the README's test command"
    );
}
