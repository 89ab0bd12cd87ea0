//! The shape of the modules: the layers of the crate doc hold over the
//! whole crate, and no two sibling modules name each other (when `a` names
//! `super::b`, `b` does not name `super::a`: what both need lives in a
//! third module).

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

/// The crate's layers, lowest first (the crate doc, `src/lib.rs`, lists
/// them): a module may use its own layer's and lower layers' modules only.
const LAYERS: &[&[&str]] = &[
    &["i18n"],
    &["interrupt", "safe_write"],
    &["model"],
    &["format"],
    &["scenario"],
    &["analysis"],
    &["play"],
    &["report"],
    &["tui", "serve", "cli"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module {module} is in no layer of LAYERS (and the crate doc)"))
}

/// The source of a file without its `#[cfg(test)]` part and comments.
fn code_of(path: &std::path::Path) -> String {
    let src = std::fs::read_to_string(path).expect("a source file reads");
    let src = src.split("#[cfg(test)]").next().unwrap_or(&src).to_string();
    src.lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("a source folder reads") {
        let p = e.expect("an entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every top-level module of the crate, with the top-level modules its
/// code (tests aside) names through `crate::`.
fn crate_edges() -> BTreeSet<(String, String)> {
    let src = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(src).expect("src reads") {
        let p = e.expect("an entry").path();
        let name = p
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a name")
            .to_string();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut files = Vec::new();
        if p.is_dir() {
            rust_files(&p, &mut files);
        } else {
            files.push(p.clone());
        }
        for f in files {
            let code = code_of(&f);
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                let mut targets = Vec::new();
                if let Some(group) = rest.strip_prefix('{') {
                    let inner = group.split('}').next().unwrap_or("");
                    for part in inner.split(',') {
                        targets.push(
                            part.trim()
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                                .collect::<String>(),
                        );
                    }
                } else {
                    targets.push(
                        rest.chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect(),
                    );
                }
                for t in targets {
                    if !t.is_empty()
                        && t != name
                        && t.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        out.insert((name.clone(), t));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_module_uses_only_its_layer_and_the_layers_below() {
    let edges = crate_edges();
    assert!(edges.len() > 20, "the scan found too few uses: {edges:?}");
    let mut wrong = Vec::new();
    for (from, to) in &edges {
        if layer_of(to) > layer_of(from) {
            wrong.push(format!("{from} uses {to}, a layer above it"));
        }
    }
    // Within a layer, no two modules use each other.
    for (from, to) in &edges {
        if edges.contains(&(to.clone(), from.clone())) && from < to {
            wrong.push(format!("{from} and {to} use each other"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The model uses nothing else of the crate.
    let model: Vec<_> = edges.iter().filter(|(f, _)| f == "model").collect();
    assert!(model.is_empty(), "the model uses {model:?}");
}

/// `super::x::` names inside every folder of `src/`: each pair of sibling
/// modules uses at most one way.
#[test]
fn no_two_sibling_modules_use_each_other_anywhere() {
    let src = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut edges = BTreeSet::new();
    for f in &files {
        let dir = f.parent().expect("a folder").to_path_buf();
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a name")
            .to_string();
        if name == "mod" {
            continue;
        }
        let code = code_of(f);
        for (i, _) in code.match_indices("super::") {
            let rest = &code[i + "super::".len()..];
            let target: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if rest[target.len()..].starts_with("::") && target != name && target != "super" {
                edges.insert((dir.clone(), name.clone(), target));
            }
        }
    }
    let cycles: Vec<String> = edges
        .iter()
        .filter(|(d, a, b)| a < b && edges.contains(&(d.clone(), b.clone(), a.clone())))
        .map(|(d, a, b)| format!("{}: {a} <-> {b}", d.display()))
        .collect();
    assert!(
        cycles.is_empty(),
        "sibling modules that use each other:\n{}",
        cycles.join("\n")
    );
}

/// The command line's `LOW..HIGH` ranges have one parser
/// (`analysis/range.rs`), so every flag words its mistakes alike.
#[test]
fn one_parser_reads_low_high_ranges() {
    let src = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let parsers: Vec<String> = files
        .iter()
        .filter(|f| code_of(f).contains(r#"split_once("..")"#))
        .map(|f| f.strip_prefix(src).unwrap_or(f).display().to_string())
        .collect();
    assert_eq!(parsers, vec!["analysis/range.rs".to_string()]);
}
