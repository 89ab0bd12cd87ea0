//! The explore screen: moving parameters (each change re-runs the whole
//! horizon), undo, the baseline, the time cursor and the animation.

use super::{App, CHART_COUNT, FileKind, Mode, SPEEDS, View};
use crate::model::{PARAM_COUNT, PARAMS, ParamSpec, Params};
use crate::model::{fmt_num, loop_strengths, simulate, summarize};
use crate::play::game::Decision;
use crate::tui::action::Action;

/// The status messages of this screen, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn pinned() -> &'static str {
        tr("baseline pinned: the current run is now the ghost to compare with")
    }
    pub fn reset_all() -> &'static str {
        tr("every parameter reset to the loaded scenario")
    }
    pub fn nothing_to_undo() -> &'static str {
        tr("nothing to undo")
    }
    pub fn previous(shown: bool) -> &'static str {
        if shown {
            tr("previous run shown")
        } else {
            tr("previous run hidden")
        }
    }
    pub fn view_flywheel() -> &'static str {
        tr("flywheel view: the four stages and what limits the loop (f for charts)")
    }
    pub fn view_charts() -> &'static str {
        tr("charts view (f for the flywheel)")
    }
    pub fn reset(key: &str, v: &str) -> String {
        trf("{} reset to {}", &[&key, &v])
    }
    pub fn set(key: &str, v: &str) -> String {
        trf("{} set to {}", &[&key, &v])
    }
    pub fn not_changed(msg: &str) -> String {
        trf("not changed: {}", &[&msg])
    }
    pub fn undone(more: usize) -> String {
        trf("undone ({} more to undo)", &[&more])
    }
    pub fn paused(label: &str, t: u32) -> String {
        trf("paused at {} {}", &[&label, &t])
    }
    pub fn not_a_number(text: &str, key: &str, range: &str) -> String {
        trf(
            "`{}` is not a number; {} must be {}",
            &[&text, &key, &range],
        )
    }
    pub fn out_of_range(key: &str, range: &str, text: &str) -> String {
        trf("{} must be {} (got {})", &[&key, &range, &text])
    }
}

impl App {
    pub(super) fn normal(&mut self, action: Action) {
        let spec = &PARAMS[self.selected];
        match action {
            Action::Up => self.selected = self.neighbour(-1),
            Action::Down => self.selected = self.neighbour(1),
            Action::Select(i) => self.selected = i.min(PARAM_COUNT - 1),
            Action::Step(n) if self.may_move(spec) => self.step(n, spec.step),
            Action::Coarse(n) if self.may_move(spec) => self.step(n, spec.coarse),
            Action::StepParam(i, n) => {
                self.selected = i.min(PARAM_COUNT - 1);
                let spec = &PARAMS[self.selected];
                if self.may_move(spec) {
                    self.step(n, spec.step);
                }
            }
            Action::BeginEdit if self.may_move(spec) => {
                self.mode = Mode::Editing {
                    buffer: String::new(),
                    error: None,
                };
            }
            Action::ResetOne => {
                let mut p = self.config.params;
                p[spec.id] = self.scenario.config.params[spec.id];
                let message = super::Status::new(false, || {
                    text::reset(crate::i18n::tr(spec.label), &fmt_num(p[spec.id]))
                });
                self.try_set(p, Some(message));
            }
            Action::ResetAll => {
                let p = self.scenario.config.params;
                self.try_set(
                    p,
                    Some(super::Status::new(false, || text::reset_all().into())),
                );
            }
            Action::Undo => self.undo_last(),
            Action::PinBaseline => {
                self.baseline = self.series.clone();
                self.baseline_summary = self.summary;
                self.baseline_pinned = true;
                status!(self, info, text::pinned());
            }
            Action::TogglePrevious => {
                self.show_previous = !self.show_previous;
                status!(self, info, text::previous(self.show_previous));
            }
            Action::CursorPrev => self.set_cursor(self.cursor.saturating_sub(1)),
            Action::CursorNext => self.set_cursor(self.cursor.saturating_add(1)),
            Action::CursorHome => self.set_cursor(0),
            Action::CursorEnd => self.set_cursor(u32::MAX),
            Action::CursorTo(t) => self.set_cursor(t),
            Action::TogglePlay => self.toggle_play(),
            Action::Faster => self.speed = (self.speed + 1).min(SPEEDS.len() - 1),
            Action::Slower => self.speed = self.speed.saturating_sub(1),
            Action::NextChart => self.chart = (self.chart + 1) % CHART_COUNT,
            Action::ToggleView => self.toggle_view(),
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Action::OpenPicker => self.leave(super::Leave::Open),
            Action::BeginSave => self.begin_prompt(FileKind::Scenario),
            Action::BeginExport => self.begin_prompt(FileKind::Csv),
            Action::BeginSaveSession => self.begin_prompt(FileKind::Session),
            Action::ToggleStochastic => self.toggle_stochastic(),
            Action::NextSeed => self.next_seed(),
            Action::ToggleBands => self.toggle_bands(),
            Action::Tornado => self.open_tornado(),
            Action::BestPolicy => self.open_best(),
            Action::MarkFit => self.toggle_fit_mark(),
            Action::Refit => self.open_refit(),
            _ => {}
        }
    }

    /// The slider above (`-1`) or below (`1`) the selected one; in a lesson
    /// step that unlocks some sliders, only those are listed and selected.
    fn neighbour(&self, by: isize) -> usize {
        let listed: Vec<usize> = match self.unlocked() {
            Some(u) if !u.is_empty() => PARAMS
                .iter()
                .enumerate()
                .filter(|(_, s)| u.contains(&s.id))
                .map(|(i, _)| i)
                .collect(),
            _ => (0..PARAM_COUNT).collect(),
        };
        let here = listed.iter().position(|&i| i >= self.selected);
        let at = match (here, by < 0) {
            (Some(p), true) if listed[p] == self.selected => p.saturating_sub(1),
            (Some(p), true) => p.saturating_sub(1),
            (Some(p), false) if listed[p] == self.selected => (p + 1).min(listed.len() - 1),
            (Some(p), false) => p,
            (None, _) => listed.len() - 1,
        };
        listed[at]
    }

    pub(super) fn toggle_view(&mut self) {
        self.view = match self.view {
            View::Charts => View::Flywheel,
            View::Flywheel => View::Charts,
        };
        status!(
            self,
            info,
            match self.view {
                View::Flywheel => text::view_flywheel(),
                View::Charts => text::view_charts(),
            }
        );
    }

    pub(super) fn editing(&mut self, action: Action) {
        let spec = self.edit_target();
        let Mode::Editing { buffer, error } = &mut self.mode else {
            return;
        };
        match action {
            Action::Input(c) => buffer.push(c),
            Action::Backspace => {
                buffer.pop();
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => {
                let typed = buffer.trim().replace('_', "");
                if typed.is_empty() {
                    self.mode = Mode::Normal;
                    return;
                }
                let in_period =
                    crate::scenario::period::spec_in(&self.scenario.period_label, spec.id);
                match parse_value(in_period, &typed) {
                    Err(msg) => *error = Some(msg),
                    Ok(v) if self.program.play().is_some() => self.play_edit(spec, v),
                    Ok(v) => {
                        let mut p = self.config.params;
                        p[spec.id] = v;
                        let cross = crate::scenario::cross_field_messages(&p);
                        if let Some((_, msg)) = cross.first() {
                            *error = Some(msg.to_string());
                        } else {
                            self.mode = Mode::Normal;
                            let message = super::Status::new(false, || {
                                text::set(crate::i18n::tr(spec.label), &fmt_num(v))
                            });
                            self.try_set(p, Some(message));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The parameter an exact value is typed for: the selected slider, or in
    /// play the selected decision.
    pub fn edit_target(&self) -> &'static ParamSpec {
        match self.program.play() {
            Some(p) => ParamSpec::of(p.selected_id()),
            None => &PARAMS[self.selected],
        }
    }

    /// Moves the selected parameter by `n` steps of `size`, snapping to the step grid.
    fn step(&mut self, n: i32, size: f64) {
        let spec =
            crate::scenario::period::spec_in(&self.scenario.period_label, PARAMS[self.selected].id);
        let v = stepped(spec, self.config.params[spec.id], n, size);
        let mut p = self.config.params;
        p[spec.id] = v;
        self.try_set(p, None);
    }

    /// Re-runs with new parameters, unless a cross-field rule forbids them.
    pub(super) fn try_set(&mut self, p: Params, message: Option<super::Status>) {
        if p == self.config.params {
            if message.is_some() {
                self.status = message;
            }
            return;
        }
        if let Some((_, msg)) = crate::scenario::cross_field_messages(&p).first() {
            status!(self, error, text::not_changed(&msg.to_string()));
            return;
        }
        self.undo.push(self.config.params);
        self.set_params(p);
        if message.is_some() {
            self.status = message;
        }
    }

    /// Applies values a background search found (the best policy, a fit) as
    /// one undoable change and closes its overlay; refused with `stale` when
    /// the settings changed since the search was asked for.
    pub(super) fn apply_found(
        &mut self,
        values: &[(crate::model::ParamId, f64)],
        current: bool,
        stale: super::Status,
        message: super::Status,
    ) {
        if !current {
            self.status = Some(stale);
            return;
        }
        let mut p = self.config.params;
        for (id, v) in values {
            p[*id] = *v;
        }
        self.mode = super::Mode::Normal;
        self.try_set(p, Some(message));
    }

    /// Runs the new parameters and logs each change as a whole-run decision.
    pub(super) fn set_params(&mut self, p: Params) {
        for spec in PARAMS.iter() {
            let (old, new) = (self.config.params[spec.id], p[spec.id]);
            if old != new {
                self.log.push(Decision {
                    period: 0,
                    key: spec.id,
                    old,
                    new,
                });
            }
        }
        self.config.params = p;
        self.invalidate();
        let run = self.run_config();
        let old = std::mem::replace(&mut self.series, simulate(&run));
        self.previous = Some(old);
        self.summary = summarize(&self.series);
        self.loops = loop_strengths(&run, &self.series);
        self.cursor = self.cursor.min(self.series.horizon());
        self.note_goal();
    }

    fn undo_last(&mut self) {
        match self.undo.pop() {
            Some(p) => {
                self.set_params(p);
                status!(self, info, text::undone(self.undo.len()));
            }
            None => status!(self, info, text::nothing_to_undo()),
        }
    }

    fn set_cursor(&mut self, t: u32) {
        self.cursor = t.min(self.series.horizon());
    }

    fn toggle_play(&mut self) {
        if self.playing {
            self.playing = false;
            status!(
                self,
                info,
                text::paused(&self.scenario.period_label, self.cursor)
            );
            return;
        }
        if !self.revealing || self.cursor >= self.series.horizon() {
            self.cursor = 0;
        }
        self.revealing = true;
        self.playing = true;
    }

    pub(super) fn tick(&mut self) {
        if !self.playing {
            return;
        }
        self.cursor = (self.cursor + 1).min(self.series.horizon());
        if self.cursor >= self.series.horizon() {
            self.playing = false;
            self.revealing = false;
        }
    }
}

/// Parses a typed value and checks it against the parameter's range.
fn parse_value(spec: &ParamSpec, typed: &str) -> Result<f64, String> {
    let v: f64 = typed.parse().map_err(|_| {
        text::not_a_number(
            typed,
            crate::i18n::tr(spec.label),
            &crate::format::range(spec).to_string(),
        )
    })?;
    if spec.accepts(v) {
        Ok(v)
    } else {
        Err(text::out_of_range(
            crate::i18n::tr(spec.label),
            &crate::format::range(spec).to_string(),
            typed,
        ))
    }
}

/// `v` moved by `n` grid steps of `size` (onto the grid first when off it),
/// clamped to the valid range and tidied of float noise.
pub(crate) fn stepped(spec: &ParamSpec, v: f64, n: i32, size: f64) -> f64 {
    let mut x = v;
    for _ in 0..n.unsigned_abs() {
        let q = x / size;
        let k = if n > 0 {
            (q + 1e-9).floor() + 1.0
        } else {
            (q - 1e-9).ceil() - 1.0
        };
        x = k * size;
    }
    let x = spec.clamp(x);
    format!("{x:.9e}").parse().unwrap_or(x)
}
