//! Play mode: a turn-based game on a scenario. The player sets the
//! scenario's decisions, then advances a turn; the app holds only the past
//! (and, once the game is over, the whole run), never the future.

use super::{App, FileKind, Mode, Program, stepped};
use crate::model::{
    LoopStrengths, ParamId, ParamSpec, Series, fmt_num, loop_strengths, simulate, summarize,
};
use crate::play::game::Game;
use crate::play::score::Outcome;
use crate::play::seats::{Role, Seats, owner};
use crate::scenario::Scenario;
use crate::tui::action::Action;

/// The status messages of play mode, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn no_decisions() -> &'static str {
        tr("this scenario offers no decisions")
    }
    pub fn cleared() -> &'static str {
        tr("pending changes cleared")
    }
    pub fn over() -> &'static str {
        tr("the game is over: s saves the session, q quits")
    }
    pub fn kept(key: &str) -> String {
        trf("{}: no change this turn", &[&key])
    }
    pub fn set(key: &str, v: &str) -> String {
        trf("{} → {} from next turn's start (a advances)", &[&key, &v])
    }
    pub fn turn(label: &str, from: u32, to: u32, news: usize) -> String {
        let word = crate::format::period_word(label);
        let played = trf("played {}s {}–{}", &[&word, &from, &to]);
        match news {
            0 => played,
            1 => format!("{played}{}", tr(", 1 news item")),
            n => format!("{played}{}", trf(", {} news items", &[&n])),
        }
    }
    pub fn sales_only() -> &'static str {
        tr("messages go from the sales seat to the product seat")
    }
    pub fn proposed(key: &str, v: &str, other: &str) -> String {
        trf(
            "{} → {} proposed: the {} seat accepts with y",
            &[&key, &v, &other],
        )
    }
    pub fn waiting(turn: u32, other: &str) -> String {
        trf(
            "turn {}: ready; it plays when the {} seat presses a too",
            &[&turn, &other],
        )
    }
    pub fn not_accepted(keys: &str) -> String {
        trf("not accepted by the other seat, so not made: {}", &[&keys])
    }
    pub fn one_seat() -> &'static str {
        tr("nothing to accept: you hold both seats")
    }
    pub fn nothing_proposed(other: &str) -> String {
        trf("the {} seat has proposed nothing this turn", &[&other])
    }
    pub fn accepted(keys: &str) -> String {
        trf("accepted: {}", &[&keys])
    }
    pub fn sent(at: &str) -> String {
        trf(
            "sent: product reads it in {} (the feedback latency)",
            &[&at],
        )
    }
    pub fn finished(score: i32) -> String {
        trf("game over: score {}/100 (s saves the session)", &[&score])
    }
}

/// A game in progress and what the play screen shows of it.
#[derive(Debug, Clone)]
pub struct PlayState {
    /// The game.
    pub game: Game,
    /// Who plays.
    pub player: String,
    /// The selected decision (index into the scenario's decisions).
    pub selected: usize,
    /// Every news item so far, with the period the turn ended.
    pub news: Vec<(u32, crate::i18n::Worded)>,
    /// This screen's seat (`None`: both, one person at the whole game).
    pub role: Option<Role>,
    /// The seats' side of the team's game (a class with `--roles`).
    pub seats: Seats,
    autopilot_past: Series,
    loops: Vec<LoopStrengths>,
    final_run: Option<Series>,
    outcome: Option<Outcome>,
}

impl PlayState {
    /// A new game at period 0.
    pub fn new(scenario: Scenario, player: String) -> Self {
        let mut p = PlayState {
            game: Game::new(scenario),
            player,
            selected: 0,
            news: Vec::new(),
            role: None,
            seats: Seats::default(),
            autopilot_past: Series::default(),
            loops: Vec::new(),
            final_run: None,
            outcome: None,
        };
        p.refresh();
        p
    }

    /// The decisions offered to this screen: in a seat, its own and the
    /// shared ones (the other seat's levers are not shown).
    pub fn decisions(&self) -> Vec<ParamId> {
        let all = &self.game.scenario.play.decisions;
        match self.seat() {
            Some(r) => all
                .iter()
                .copied()
                .filter(|id| owner(*id).is_none_or(|o| o == r))
                .collect(),
            None => all.clone(),
        }
    }

    /// This screen's seat, when the team plays in two.
    pub fn seat(&self) -> Option<Role> {
        self.role.filter(|_| self.seats.split)
    }

    /// The selected decision.
    pub fn selected_id(&self) -> ParamId {
        self.decisions()
            .get(self.selected)
            .copied()
            .unwrap_or(ParamId::Price)
    }

    /// The turn being played (1-based) and how many turns there are.
    pub fn turn(&self) -> (u32, u32) {
        let len = self.game.scenario.play.turn.max(1);
        let total = self.game.horizon().div_ceil(len);
        ((self.game.period / len + 1).min(total), total)
    }

    /// The player's run so far: rows 0..period (the whole run once finished).
    pub fn run(&self) -> &Series {
        self.final_run.as_ref().unwrap_or(self.game.past())
    }

    /// The autopilot's run over the same past, for comparison.
    pub fn autopilot(&self) -> &Series {
        &self.autopilot_past
    }

    /// Which loop drives the player's run, over the periods shown.
    pub fn loops(&self) -> &[LoopStrengths] {
        &self.loops
    }

    /// How the game went, once finished.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// The series the play screen draws: the player's and the autopilot's.
    pub fn visible(&self) -> [&Series; 2] {
        [self.run(), self.autopilot()]
    }

    fn refresh(&mut self) {
        let g = &self.game;
        if g.finished() {
            let cfg = g.config();
            let run = simulate(&cfg);
            self.loops = loop_strengths(&cfg, &run);
            self.autopilot_past = simulate(&g.scenario.config);
            self.final_run = Some(run);
            self.outcome = g.outcome();
            return;
        }
        self.loops = loop_strengths(&g.config(), g.past());
        self.autopilot_past = if g.period == 0 {
            Series::default()
        } else {
            let mut cfg = g.scenario.config.clone();
            cfg.periods = g.period - 1;
            cfg.events.retain(|e| e.at < g.period);
            simulate(&cfg)
        };
    }
}

impl App {
    /// A play-mode app: the turn-based game on a scenario. The app keeps no
    /// run of its own, so nothing of the future is there to draw.
    pub fn new_play(scenario: Scenario, player: impl Into<String>) -> Self {
        let player = player.into();
        let mut app = App::new(scenario.clone());
        app.series = Series::default();
        app.baseline = Series::default();
        app.summary = summarize(&app.series);
        app.baseline_summary = app.summary;
        app.loaded_summary = app.summary;
        app.loops = Vec::new();
        app.cursor = 0;
        app.player = player.clone();
        app.program = Program::Play(Box::new(PlayState::new(scenario, player)));
        app.saved = app.work();
        app
    }

    pub(super) fn play_action(&mut self, action: Action) {
        let Some(p) = self.program.play_mut() else {
            return;
        };
        let n = p.decisions().len();
        let over = p.game.finished();
        match action {
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
            Action::Step(_) | Action::Coarse(_) | Action::BeginEdit | Action::Advance if over => {
                status!(self, info, text::over())
            }
            Action::Step(_) | Action::Coarse(_) | Action::BeginEdit if n == 0 => {
                status!(self, error, text::no_decisions())
            }
            Action::Step(k) | Action::Coarse(k) => {
                let spec =
                    crate::scenario::period::spec_in(&self.scenario.period_label, p.selected_id());
                let size = if matches!(action, Action::Step(_)) {
                    spec.step
                } else {
                    spec.coarse
                };
                let v = stepped(spec, p.game.value(spec.id), k, size);
                self.play_set(spec, v);
            }
            Action::BeginEdit => {
                self.mode = Mode::Editing {
                    buffer: String::new(),
                    error: None,
                };
            }
            Action::ResetOne => {
                let id = p.selected_id();
                p.game.pending.retain(|(q, _)| *q != id);
                status!(self, info, text::kept(ParamSpec::of(id).key));
            }
            Action::ResetAll => {
                p.game.pending.clear();
                status!(self, info, text::cleared());
            }
            Action::Advance if self.gate.ended => {
                status!(self, info, crate::i18n::tr("the game is over"))
            }
            Action::Advance if self.gate.opened.is_some_and(|o| p.turn().0 > o) => status!(
                self,
                info,
                crate::i18n::tr("wait: the facilitator opens the next turn for everyone")
            ),
            Action::Advance => self.seat_advance(),
            Action::Yes => self.accept_proposals(),
            Action::BeginMessage => match p.seat() {
                Some(Role::Sales) => {
                    self.mode = Mode::Message {
                        buffer: String::new(),
                    }
                }
                _ => status!(self, info, text::sales_only()),
            },
            Action::NextChart => self.chart = (self.chart + 1) % super::CHART_COUNT,
            Action::ToggleView => self.toggle_view(),
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Action::BeginSaveSession | Action::BeginSave => self.begin_prompt(FileKind::Session),
            Action::BeginExport => self.begin_prompt(FileKind::Csv),
            _ => {}
        }
    }

    /// Sets a decision for this turn from a typed value.
    pub(super) fn play_edit(&mut self, spec: &'static ParamSpec, v: f64) {
        if self.play_set(spec, v) {
            self.mode = Mode::Normal;
        } else if let (Mode::Editing { error, .. }, Some(s)) = (&mut self.mode, &self.status) {
            *error = Some(s.text().to_string());
        }
    }

    fn play_set(&mut self, spec: &'static ParamSpec, v: f64) -> bool {
        let Some(p) = self.program.play_mut() else {
            return false;
        };
        match p.game.set(spec.id, v) {
            Ok(()) => {
                match p.seat() {
                    Some(r) if owner(spec.id).is_none() => {
                        p.seats.propose(spec.id, r);
                        let other = r.other().label();
                        status!(
                            self,
                            info,
                            text::proposed(crate::i18n::tr(spec.label), &fmt_num(v), other)
                        );
                    }
                    _ => status!(
                        self,
                        info,
                        text::set(crate::i18n::tr(spec.label), &fmt_num(v))
                    ),
                }
                true
            }
            Err(e) => {
                status!(self, error, e.to_string());
                false
            }
        }
    }

    /// `a` from this screen: in two seats the turn plays once both seats
    /// pressed it, and a shared change the other seat has not accepted is
    /// dropped; else at once.
    fn seat_advance(&mut self) {
        let Some(p) = self.program.play_mut() else {
            return;
        };
        let seat = p.seat();
        if !p.seats.ready(seat) {
            let other = seat.map_or("", |r| r.other().label());
            let turn = p.turn().0;
            status!(self, info, text::waiting(turn, other));
            return;
        }
        let dropped: Vec<ParamId> = p.seats.waiting().into_iter().map(|(id, _)| id).collect();
        p.game.pending.retain(|(id, _)| !dropped.contains(id));
        p.seats.new_turn();
        self.advance();
        if !dropped.is_empty() {
            let keys: Vec<&str> = dropped.iter().map(|id| ParamSpec::of(*id).key).collect();
            let news = crate::i18n::Worded::new(move || text::not_accepted(&keys.join(", ")));
            self.show_news(news);
        }
    }

    /// `y`: this seat accepts what the other proposed.
    fn accept_proposals(&mut self) {
        let Some(p) = self.program.play_mut() else {
            return;
        };
        let Some(r) = p.seat() else {
            status!(self, info, text::one_seat());
            return;
        };
        let accepted = p.seats.accept(r);
        if accepted.is_empty() {
            status!(self, info, text::nothing_proposed(r.other().label()));
        } else {
            let keys: Vec<&str> = accepted.iter().map(|id| ParamSpec::of(*id).key).collect();
            status!(self, info, text::accepted(&keys.join(", ")));
        }
    }

    /// Typing a message to product: Enter sends it through the team's
    /// feedback latency.
    pub(super) fn message_input(&mut self, action: Action) {
        let Mode::Message { buffer } = &mut self.mode else {
            return;
        };
        match action {
            Action::Input(c) if buffer.chars().count() < crate::play::seats::MESSAGE_MAX => {
                buffer.push(c)
            }
            Action::Backspace => {
                buffer.pop();
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => {
                let text = buffer.trim().to_string();
                self.mode = Mode::Normal;
                let Some(p) = self.program.play_mut() else {
                    return;
                };
                if text.is_empty() {
                    return;
                }
                let latency = p.game.value(ParamId::Latency);
                let m = crate::play::seats::Message::new(p.game.period, latency, &text);
                let arrives = m.arrives;
                p.seats.messages.push(m);
                let at = crate::format::period_at(&self.scenario.period_label, arrives);
                status!(self, info, text::sent(&at));
            }
            _ => {}
        }
    }

    pub(super) fn advance(&mut self) {
        let Some(p) = self.program.play_mut() else {
            return;
        };
        let from = p.game.period;
        let news = p.game.advance();
        let to = p.game.period;
        let count = news.len();
        p.news
            .extend(news.into_iter().map(|n| (to, crate::i18n::Worded::same(n))));
        p.refresh();
        self.cursor = to.saturating_sub(1);
        let label = self.scenario.period_label.clone();
        match p.outcome.as_ref().map(|o| o.score) {
            Some(score) => status!(self, info, text::finished(score)),
            None => status!(
                self,
                info,
                text::turn(&label, from, to.saturating_sub(1), count)
            ),
        }
    }
}
