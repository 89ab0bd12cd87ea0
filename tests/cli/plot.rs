//! Pictures in the reader's language: `debrief --plot` and `plot` in
//! Chinese, Chinese team names drawn with a CJK font (glyphs, not boxes)
//! in English pictures too, and the note that says which font drew them.

use std::path::{Path, PathBuf};

use flywheel::i18n::Lang;
use flywheel::model::ParamId;

use crate::debrief_room::played;
use crate::support::{self, TempDir, flywheel};

/// A class of four teams of the product-and-sales lesson, two named in
/// Chinese; `third` names the third team. The files go in `dir`.
fn class_in(dir: &Path, third: &str) -> Vec<PathBuf> {
    use ParamId::{Price, RdShare, SalesShare};
    let teams = [
        played("客戶至上", &[]),
        played("All Sales", &[(0, RdShare, 0.0), (0, SalesShare, 0.95)]),
        played(third, &[(0, Price, 140.0)]),
        played("研發優先", &[(0, RdShare, 0.3)]),
    ];
    teams
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = dir.join(format!("team{i}.toml"));
            std::fs::write(&p, t.to_toml()).unwrap();
            p
        })
        .collect()
}

/// `flywheel --lang LANG debrief FILES --plot OUT`, the CJK font as
/// `font` says (`None`: the machine's): the picture's bytes and stderr.
fn debrief_png(files: &[PathBuf], lang: &str, out: &Path, font: Option<&str>) -> (Vec<u8>, String) {
    let mut cmd = flywheel();
    match font {
        Some(f) => cmd.env("FLYWHEEL_CJK_FONT", f),
        None => cmd.env_remove("FLYWHEEL_CJK_FONT"),
    };
    let run = cmd
        .args(["--lang", lang, "debrief"])
        .args(files)
        .arg("--plot")
        .arg(out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).to_string();
    assert!(run.status.success(), "{stderr}");
    if let Some(dir) = std::env::var_os("FLYWHEEL_SHOW") {
        let _ = std::fs::copy(out, Path::new(&dir).join(out.file_name().unwrap()));
    }
    (std::fs::read(out).unwrap(), stderr)
}

/// Whether this machine has a CJK font (a failure under CI, where `.ci/run`
/// installs fonts-noto-cjk).
fn cjk_font() -> bool {
    flywheel::report::plot::cjk_font_for(Lang::ZhHant).is_some()
        || support::missing("a CJK font (fonts-noto-cjk)")
}

#[test]
fn plot_chinese_team_names_are_drawn_not_boxes_in_every_language() {
    let dir = TempDir::new("plot-glyphs");
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    // Two classes alike but for one team's name, of as many characters.
    let (files_a, files_b) = (class_in(&a, "飛輪隊"), class_in(&b, "成長組"));
    // With no CJK font both names are the same empty boxes: the pictures
    // are the same, which is what the comparison below would catch.
    let (tofu_a, _) = debrief_png(&files_a, "en", &dir.join("tofu-a.png"), Some(""));
    let (tofu_b, _) = debrief_png(&files_b, "en", &dir.join("tofu-b.png"), Some(""));
    assert_eq!(tofu_a, tofu_b, "boxes for either name");
    if !cjk_font() {
        return;
    }
    let (en, _) = debrief_png(&files_a, "en", &dir.join("same-1.png"), None);
    let (again, _) = debrief_png(&files_a, "en", &dir.join("same-2.png"), None);
    assert_eq!(en, again, "the same class draws the same picture");
    for lang in ["en", "zh-Hant"] {
        let (pa, note) = debrief_png(&files_a, lang, &dir.join(format!("{lang}-a.png")), None);
        let (pb, _) = debrief_png(&files_b, lang, &dir.join(format!("{lang}-b.png")), None);
        assert_ne!(pa, pb, "{lang}: 飛輪隊 and 成長組 drawn alike (boxes)");
        assert_ne!(pa, tofu_a, "{lang}: the picture has its Chinese glyphs");
        assert!(
            !note.contains("warning") && !note.contains("警告"),
            "{note}"
        );
    }
}

#[test]
fn plot_the_debrief_picture_follows_lang_and_names_its_font() {
    let dir = TempDir::new("plot-debrief-lang");
    let files = class_in(&dir, "Pricey");
    let (en, note) = debrief_png(&files, "en", &dir.join("room-en.png"), None);
    // An English picture with Chinese team names needs the CJK font too.
    if !cjk_font() {
        return;
    }
    assert!(note.contains("Chinese text drawn with "), "{note}");
    let (hant, note) = debrief_png(&files, "zh-Hant", &dir.join("room-zh-Hant.png"), None);
    assert_ne!(
        hant, en,
        "the Traditional Chinese picture is the English one"
    );
    assert!(note.contains("中文以 "), "{note}");
    let noto = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if noto.exists() {
        let face = format!("中文以 Noto Sans CJK TC（{}）繪製", noto.display());
        assert!(note.contains(&face), "{note}");
    }
    let (hans, note) = debrief_png(&files, "zh", &dir.join("room-zh.png"), None);
    assert_ne!(hans, hant, "Simplified and Traditional alike");
    if noto.exists() {
        assert!(note.contains("Noto Sans CJK SC"), "{note}");
    }
}

#[test]
fn plot_without_a_cjk_font_says_how_to_get_one() {
    let dir = TempDir::new("plot-no-font");
    let files = class_in(&dir, "Pricey");
    let (_, note) = debrief_png(&files, "en", &dir.join("room.png"), Some(""));
    for words in ["empty boxes", "fonts-noto-cjk", "FLYWHEEL_CJK_FONT", ".svg"] {
        assert!(note.contains(words), "{words} missing: {note}");
    }
    let (_, note) = debrief_png(&files, "zh-Hant", &dir.join("room-zh.png"), Some(""));
    assert!(
        note.contains("以英文繪製") && note.contains("fonts-noto-cjk"),
        "{note}"
    );
    // An SVG carries Chinese to its viewer: nothing to say of fonts.
    let (_, note) = debrief_png(&files, "zh-Hant", &dir.join("room.svg"), Some(""));
    assert!(
        !note.contains("FLYWHEEL_CJK_FONT") && !note.contains("中文以"),
        "{note}"
    );
}

#[test]
fn plot_counts_flows_per_period_in_the_readers_words() {
    let dir = TempDir::new("plot-units");
    let svg = |lang: &str, set: &[&str]| {
        let out = dir.join(format!("{lang}-{}.svg", set.len()));
        flywheel()
            .args(["plot", "balanced", "--lang", lang])
            .args(set)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        std::fs::read_to_string(&out).unwrap()
    };
    let hant = svg("zh-Hant", &[]);
    assert!(
        hant.contains("人/週") && hant.contains("$/週"),
        "zh-Hant units"
    );
    assert!(!hant.contains("人/期"), "a period, not the scenario's week");
    assert!(svg("zh", &[]).contains("人/周"), "zh units");
    assert!(svg("en", &[]).contains("people/week"), "English units");
    let months = svg("zh-Hant", &["--set", "scenario.period_label=month"]);
    assert!(months.contains("人/月"), "a scenario that counts months");
    // A PNG in Chinese names the font that drew it.
    if cjk_font() {
        let png = dir.join("balanced.png");
        flywheel()
            .env_remove("FLYWHEEL_CJK_FONT")
            .args(["plot", "balanced", "--lang", "zh-Hant", "-o"])
            .arg(&png)
            .assert()
            .success()
            .stderr(predicates::str::contains("中文以 "));
    }
}
