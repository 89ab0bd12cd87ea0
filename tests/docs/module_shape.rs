//! The scenario modules form no cycle of two: when `a` names `super::b`,
//! `b` does not name `super::a` (what both need lives in a third module).

use std::collections::BTreeSet;

fn edges() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/scenario");
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).expect("src/scenario reads") {
        let path = e.expect("an entry").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if name == "mod" {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("a source file reads");
        let src = src.split("#[cfg(test)]").next().unwrap_or(&src);
        for (i, _) in src.match_indices("super::") {
            let rest = &src[i + "super::".len()..];
            let target: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let is_module = rest[target.len()..].starts_with("::");
            if is_module && target != name {
                out.insert((name.to_string(), target));
            }
        }
    }
    out
}

#[test]
fn no_two_scenario_modules_use_each_other() {
    let e = edges();
    assert!(e.contains(&("load".into(), "keys".into())), "{e:?}");
    let cycles: Vec<_> = e
        .iter()
        .filter(|(a, b)| a < b && e.contains(&(b.clone(), a.clone())))
        .collect();
    assert!(cycles.is_empty(), "modules that use each other: {cycles:?}");
}
