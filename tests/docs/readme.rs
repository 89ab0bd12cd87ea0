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

const UPDATE: &str = "FLYWHEEL_UPDATE_README";

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Splits a command line as a shell would for the README's simple samples:
/// words, and double-quoted strings.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// What `flywheel ...` prints on stdout, in English, run from the project's root.
fn output_of(command: &str) -> String {
    let args = words(command);
    assert_eq!(args[0], "flywheel", "a sample runs flywheel: {command}");
    let out = crate::support::flywheel()
        .args(&args[1..])
        .current_dir(root())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The example session files the README's debrief sample reads: three
/// teams that set their decisions at week 0 on `balanced`, and one that
/// plays the profit team's policy, then harvests in the last quarter.
fn example_sessions() -> Vec<(String, String)> {
    use flywheel::model::ParamId;
    use flywheel::play::Game;
    use flywheel::play::session::{Kind, Session};
    let mut toml = flywheel::scenario::preset("balanced")
        .unwrap()
        .toml
        .to_string();
    toml.push_str(
        "\n[play]\ndecisions = [\"product.rd_share\", \"sales.sales_share\", \"pricing.price\"]\n",
    );
    let profit = [
        (ParamId::RdShare, 0.14),
        (ParamId::SalesShare, 0.25),
        (ParamId::Price, 105.0),
    ];
    let harvest = [
        (ParamId::RdShare, 0.0),
        (ParamId::SalesShare, 0.0),
        (ParamId::Price, 250.0),
    ];
    type Settings<'a> = &'a [(ParamId, f64)];
    let teams: [(&str, Settings, Settings); 4] = [
        (
            "Broke",
            &[(ParamId::RdShare, 0.05), (ParamId::SalesShare, 0.95)],
            &[],
        ),
        (
            "Revenue",
            &[
                (ParamId::RdShare, 0.1),
                (ParamId::SalesShare, 0.7),
                (ParamId::Price, 80.0),
            ],
            &[],
        ),
        ("Profit", &profit, &[]),
        ("Harvest", &profit, &harvest),
    ];
    teams
        .iter()
        .map(|(player, start, last_quarter)| {
            let s = flywheel::scenario::parse("team.toml", &toml).unwrap();
            let mut g = Game::new(s);
            for (id, v) in start.iter() {
                g.set(*id, *v).unwrap();
            }
            while !g.finished() {
                if g.period >= 195 {
                    for (id, v) in last_quarter.iter() {
                        g.set(*id, *v).unwrap();
                    }
                }
                g.advance();
            }
            let session = Session {
                kind: Kind::Play,
                player: (*player).into(),
                scenario_toml: toml.clone(),
                seed: 1,
                stochastic: false,
                decisions: g.decisions.clone(),
                ..Session::default()
            };
            (
                format!("examples/team-{}.session.toml", player.to_lowercase()),
                session.to_toml(),
            )
        })
        .collect()
}

#[test]
fn the_example_sessions_are_current() {
    let update = std::env::var_os(UPDATE).is_some();
    for (path, text) in example_sessions() {
        let file = root().join(&path);
        if update {
            std::fs::write(&file, &text).unwrap();
        }
        let now = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            now == text,
            "{path} is stale: run `{UPDATE}=1 cargo test --test docs readme`"
        );
    }
}

/// Every block after a `<!-- sample: flywheel ... -->` marker is that
/// command's output as the code prints it now. With FLYWHEEL_UPDATE_README
/// set, the test writes the outputs into the README instead.
#[test]
fn every_sample_output_in_the_readme_is_what_the_code_prints() {
    let update = std::env::var_os(UPDATE).is_some();
    if update {
        // The debrief sample reads the example sessions: write them first.
        for (path, text) in example_sessions() {
            std::fs::write(root().join(path), text).unwrap();
        }
    }
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    const MARK: &str = "<!-- sample: ";
    const OPEN: &str = " -->\n```text\n";
    let mut out = String::new();
    let mut rest = text.as_str();
    let mut stale = Vec::new();
    let mut samples = 0;
    while let Some(i) = rest.find(MARK) {
        let after_mark = i + MARK.len();
        let end = rest[after_mark..]
            .find(OPEN)
            .expect("a sample marker is followed by a text block")
            + after_mark;
        let command = &rest[after_mark..end];
        let body_start = end + OPEN.len();
        let body_end = rest[body_start..]
            .find("\n```\n")
            .expect("the sample's block ends")
            + body_start;
        let want = format!("$ {command}\n{}", output_of(command).trim_end());
        if rest[body_start..body_end] != want {
            stale.push(command.to_string());
        }
        out.push_str(&rest[..body_start]);
        out.push_str(&want);
        rest = &rest[body_end..];
        samples += 1;
    }
    out.push_str(rest);
    assert!(
        samples >= 5,
        "the README marks its sample outputs ({samples} found)"
    );
    if update {
        std::fs::write(&path, out).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "README samples no longer match the code: {stale:?}; run `{UPDATE}=1 cargo test --test docs readme` and read the diff"
        );
    }
}

/// A block after `<!-- lines of FILE -->` shows lines of FILE as they are.
#[test]
fn excerpts_in_the_readme_are_lines_of_their_files() {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    const MARK: &str = "<!-- lines of ";
    let mut checked = 0;
    for (i, _) in text.match_indices(MARK) {
        let rest = &text[i + MARK.len()..];
        let file = &rest[..rest.find(" -->").unwrap()];
        let body = &rest[rest.find("```").unwrap()..];
        let body = &body[body.find('\n').unwrap() + 1..];
        let body = &body[..body.find("```").unwrap()];
        let source = std::fs::read_to_string(root().join(file)).unwrap();
        for line in body.lines() {
            assert!(
                source.lines().any(|l| l == line),
                "README shows `{line}`, which is not a line of {file} (examples/make.sh makes it)"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "the README marks its excerpts");
}

/// The screen a snapshot test holds, as plain lines.
fn snapshot_screen(file: &str) -> String {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let body = text.splitn(3, "---\n").nth(2).expect("an insta snapshot");
    // A terminal's snapshot quotes each line; a board's is its text.
    body.lines()
        .map(|l| match l.strip_prefix('"') {
            Some(l) => {
                let end = l.rfind('"').expect("a closing quote");
                l[..end].replace("\\\"", "\"").replace("\\\\", "\\")
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A block after `<!-- screen: SNAPSHOT -->` is that snapshot's screen: the
/// pictures of the simulator in the README and docs/tui.md are what the
/// snapshot tests draw now. With FLYWHEEL_UPDATE_README set, they are
/// written in.
#[test]
fn screens_in_the_docs_are_the_snapshots_they_name() {
    let update = std::env::var_os(UPDATE).is_some();
    let mut screens = 0;
    for doc in ["README.md", "docs/tui.md"] {
        let path = root().join(doc);
        let text = std::fs::read_to_string(&path).unwrap();
        const MARK: &str = "<!-- screen: ";
        const OPEN: &str = " -->\n```text\n";
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find(MARK) {
            let after = i + MARK.len();
            let end = rest[after..]
                .find(OPEN)
                .expect("a screen marker is followed by a text block")
                + after;
            let file = &rest[after..end];
            let body_start = end + OPEN.len();
            let body_end = rest[body_start..].find("\n```\n").expect("the block ends") + body_start;
            let want = snapshot_screen(file);
            if !update {
                assert!(
                    rest[body_start..body_end] == want,
                    "{doc}: the screen after `{MARK}{file}` is not the snapshot's; run `{UPDATE}=1 cargo test --test docs readme`"
                );
            }
            out.push_str(&rest[..body_start]);
            out.push_str(&want);
            rest = &rest[body_end..];
            screens += 1;
        }
        out.push_str(rest);
        if update {
            std::fs::write(&path, out).unwrap();
        }
    }
    assert!(
        screens >= 2,
        "the docs mark their screens ({screens} found)"
    );
}

/// The README's walk-through says which 90% intervals of the sample fit hold
/// the hidden values: the fit's JSON and the hidden company must agree.
#[test]
fn the_readme_says_which_intervals_of_the_sample_fit_hold_the_truth() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let company = std::fs::read_to_string(root.join("examples/company.toml")).unwrap();
    let fit: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("examples/acme-fit.json")).unwrap(),
    )
    .unwrap();
    let truth = |name: &str| -> f64 {
        let line = company
            .lines()
            .find(|l| l.starts_with(&format!("{name} = ")) && l.contains("hidden truth"))
            .unwrap_or_else(|| panic!("no hidden {name}"));
        line.split('=')
            .nth(1)
            .unwrap()
            .split('#')
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let said = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut hold = Vec::new();
    for (key, words) in [
        ("market.innovation", "innovation"),
        ("market.imitation", "imitation"),
        ("sales.win_rate", "win rate"),
        ("retention.churn_floor", "base churn"),
    ] {
        let name = key.split('.').nth(1).unwrap();
        let t = truth(name);
        assert!(
            said.contains(&format!("{words} {t}")),
            "the README does not say the hidden {words} is {t}"
        );
        let p = fit["params"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .unwrap();
        let (lo, hi) = (p["low"].as_f64().unwrap(), p["high"].as_f64().unwrap());
        hold.push((words, lo <= t && t <= hi));
    }
    assert_eq!(
        hold,
        [
            ("innovation", false),
            ("imitation", false),
            ("win rate", true),
            ("base churn", true)
        ],
        "the README says the intervals of the win rate and the base churn hold the truth, those of innovation and imitation miss it"
    );
}
