//! `flywheel plot`: the four charts as a picture for slides.

use std::path::Path;

use super::output::check_runs;
use super::progress::bar;
use super::{Failure, RunOptions};
use crate::analysis::montecarlo::{self};
use crate::i18n::{Lang, current, tr, trf, with_lang};
use crate::model::simulate;
use crate::play::session;
use crate::report::plot::{self, PlotInput};
use crate::safe_write::Overwrite;
use crate::scenario::{self};

/// What `flywheel plot` draws beyond the scenario.
pub struct PlotOptions<'a> {
    /// A second scenario drawn as grey ghost curves.
    pub baseline: Option<&'a str>,
    /// Shade Monte Carlo bands.
    pub bands: bool,
    /// Runs for the bands.
    pub runs: usize,
    /// The picture's title, instead of the scenario's name.
    pub title: Option<&'a str>,
    /// The picture to write.
    pub out: &'a Path,
    /// Replace the picture if it exists.
    pub force: bool,
    /// Decide from today, and a company's history to draw as points (`--data`).
    pub today: &'a super::today::Today,
}

/// `flywheel plot`: a scenario, or a session file (the team's run with its
/// decisions marked, the scenario as loaded as the baseline).
pub fn plot_cmd(opts: &RunOptions, p: &PlotOptions<'_>) -> Result<(), Failure> {
    check_runs(p.runs)?;
    let path = Path::new(&opts.scenario);
    let session = if session::is_session_file(path) {
        if !opts.set.is_empty() || opts.periods.is_some() || opts.seed.is_some() || opts.stochastic
        {
            return Err(Failure::Invalid(crate::i18n::trf(
                "{}: a session is drawn as it was played; --set, --periods, --seed and --stochastic do not apply",
                &[&path.display()],
            )));
        }
        Some(session::load(path)?)
    } else {
        None
    };
    let (s, series, decisions, autopilot) = match &session {
        Some(sess) => {
            let (s, cfg) = sess.config(&opts.scenario)?;
            let autopilot = simulate(&s.config);
            (s, simulate(&cfg), sess.decisions.clone(), Some(autopilot))
        }
        None => {
            let (s, placed) = super::today::prepare(opts, p.today)?;
            super::today::tell(placed.as_ref(), &s);
            let series = simulate(&s.config);
            // From today with a what-if, the plan as it stands is the ghost.
            let standing = placed
                .as_ref()
                .filter(|_| !opts.set.is_empty())
                .map(|p| simulate(&p.past));
            (s, series, Vec::new(), standing)
        }
    };
    let history = p.today.history(&s)?;
    let base = match (p.baseline, autopilot) {
        (Some(b), _) => {
            let mut bs = scenario::resolve(b)?;
            bs.config.periods = s.config.periods;
            Some((bs.name.clone(), simulate(&bs.config)))
        }
        (None, Some(a)) if session.is_some() => Some((trf("{} as loaded", &[&s.name]), a)),
        (None, Some(a)) => Some((trf("{} as it stands", &[&s.name]), a)),
        (None, None) => None,
    };
    let mc = if p.bands {
        let pb = bar(p.runs, "runs");
        let mc = montecarlo::run(&s.config, p.runs, &|n| pb.set_position(n as u64));
        pb.finish_and_clear();
        Some(mc.map_err(|_| Failure::Interrupted)?)
    } else {
        None
    };
    let title = match (p.title, &session) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(sess)) if !sess.player.is_empty() => {
            Some(format!("{} — {}", sess.player, s.name))
        }
        _ => None,
    };
    let input = PlotInput {
        scenario: &s,
        series: &series,
        baseline: base.as_ref().map(|(n, b)| (n.as_str(), b)),
        bands: mc.as_ref(),
        title: title.as_deref(),
        decisions: &decisions,
        actuals: history.as_ref(),
    };
    let mode = if p.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    // Chinese in the picture's own texts, whatever the language.
    let names = [
        Some(s.name.as_str()),
        input.title,
        input.baseline.map(|b| b.0),
    ];
    let chinese_names = names.into_iter().flatten().any(plot::has_cjk)
        || s.config.events.iter().any(|e| plot::has_cjk(&e.note));
    write_readable(p.out, chinese_names, || plot::write(p.out, &input, mode))
}

/// Writes a picture with `write`, then says so. A PNG with Chinese text (a
/// Chinese picture, or `chinese_names` in an English one) says which font
/// draws it; with no CJK font on the machine, a Chinese picture is drawn in
/// English and an English one shows its Chinese names as boxes, with a
/// warning that says how to get Chinese.
pub(super) fn write_readable(
    out: &Path,
    chinese_names: bool,
    write: impl FnOnce() -> Result<(), String>,
) -> Result<(), Failure> {
    let png = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let lang = current();
    if let Some(note) = font_note(out, png && (lang.is_chinese() || chinese_names)) {
        eprintln!("{note}");
    }
    if png && !plot::png_has_glyphs() {
        with_lang(Lang::En, write).map_err(Failure::Invalid)?;
    } else {
        write().map_err(Failure::Invalid)?;
    }
    eprintln!("{}", trf("wrote {}", &[&out.display()]));
    Ok(())
}

/// What to say of the font that draws the Chinese of the PNG `out`, when
/// it has Chinese (`chinese`): the face and its file, or, with none found,
/// a warning that says what the picture shows instead and how to fix it.
pub(super) fn font_note(out: &Path, chinese: bool) -> Option<String> {
    if !chinese {
        return None;
    }
    if let Some(font) = plot::cjk_font() {
        return Some(trf(
            "Chinese text drawn with {} ({})",
            &[&font.face, &font.path.display()],
        ));
    }
    let fix = tr(
        "to draw Chinese, install a CJK font (fonts-noto-cjk on Debian and Ubuntu) or set \
         FLYWHEEL_CJK_FONT to a CJK font file (such as NotoSansCJK-Regular.ttc); an .svg \
         picture carries Chinese as it is",
    );
    Some(if current().is_chinese() {
        trf(
            "warning: no font with Chinese glyphs was found, so {} is drawn in English; {}",
            &[&out.display(), &fix],
        )
    } else {
        trf(
            "warning: no font with Chinese glyphs was found, so the Chinese names in {} show as empty boxes; {}",
            &[&out.display(), &fix],
        )
    })
}
