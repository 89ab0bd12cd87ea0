//! A lesson in progress: the current step, which sliders it unlocks, the
//! prediction asked before the curves are shown (and the answers given), and
//! the goal ticked live against the scenario as loaded.

use super::{App, Mode};
use crate::model::{ParamId, ParamSpec, Params, simulate, summarize};
use crate::scenario::{LessonStep, Scenario};
use crate::tui::action::Action;

/// The status messages of lessons, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};

    pub fn no_sliders() -> &'static str {
        tr("no sliders move in this step: read, look, then n for the next step")
    }
    pub fn no_prediction() -> &'static str {
        tr("this step asks no prediction")
    }
    pub fn answered() -> &'static str {
        tr("already answered: your answer is kept")
    }
    pub fn move_first() -> &'static str {
        tr("move an unlocked slider first: the prediction is scored on your run")
    }
    pub fn last() -> &'static str {
        tr("this is the last step")
    }
    pub fn first() -> &'static str {
        tr("this is the first step")
    }
    pub fn unscorable() -> &'static str {
        tr("answer kept; the run cannot score it (the metric is undefined)")
    }
    pub fn locked(key: &str, unlocked: &str) -> String {
        trf(
            "{} is locked in this step; you may move: {}",
            &[&key, &unlocked],
        )
    }
    pub fn step(n: usize, of: usize, title: &str) -> String {
        trf("step {}/{}: {}", &[&n, &of, &title])
    }
    pub fn step_reset(n: usize, of: usize, title: &str) -> String {
        trf(
            "step {}/{}: {} (sliders back as loaded, so the goal starts unmet; u undoes)",
            &[&n, &of, &title],
        )
    }
    pub fn cannot_apply(msg: &str) -> String {
        trf("the question's setting cannot apply here: {}", &[&msg])
    }
    pub fn no_choice(n: usize, of: usize) -> String {
        trf("there is no choice {}: pick 1 to {}", &[&n, &of])
    }
    pub fn right(choice: &str) -> String {
        trf("right: {}", &[&choice])
    }
    pub fn wrong(choice: &str) -> String {
        trf("not quite: the run says {}", &[&choice])
    }
}

/// An answer to a step's prediction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The choice picked (index into the prediction's choices).
    pub choice: usize,
    /// The right choice for the run when the answer was given.
    pub correct: Option<usize>,
}

impl Answer {
    /// Whether the answer was right.
    pub fn is_right(&self) -> bool {
        self.correct == Some(self.choice)
    }
}

/// Where a lesson stands: the step shown and the answers given so far.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonState {
    /// The step shown (index into the lesson's steps).
    pub step: usize,
    /// One slot per step: the answer to its prediction, once given.
    pub answers: Vec<Option<Answer>>,
    /// One slot per step: whether its goal was met while the step was shown
    /// (`None`: no goal, or the step was never shown).
    pub goals: Vec<Option<bool>>,
    /// The parameters as the current step opened: a prediction's `set`
    /// applies on top of them.
    pub opened: Params,
}

impl LessonState {
    /// The lesson of a scenario, on its first step; `None` without steps.
    pub fn for_scenario(s: &Scenario) -> Option<Self> {
        (!s.lesson.steps.is_empty()).then(|| LessonState {
            step: 0,
            answers: vec![None; s.lesson.steps.len()],
            goals: vec![None; s.lesson.steps.len()],
            opened: s.config.params,
        })
    }

    /// The answer given to the current step's prediction.
    pub fn answer(&self) -> Option<Answer> {
        self.answers.get(self.step).copied().flatten()
    }
}

impl App {
    /// The lesson step shown, if any.
    pub fn lesson_step(&self) -> Option<&LessonStep> {
        let l = self.program.lesson()?;
        self.scenario.lesson.steps.get(l.step)
    }

    /// Whether the current run is hidden: the step asks a prediction not yet answered.
    pub fn curves_hidden(&self) -> bool {
        self.program.play().is_none()
            && self.lesson_step().is_some_and(|s| s.predict.is_some())
            && self.program.lesson().is_some_and(|l| l.answer().is_none())
    }

    /// Whether the current step's goal is met by the current run (against the scenario as loaded).
    pub fn goal_met(&self) -> Option<bool> {
        let goal = self.lesson_step()?.goal.as_ref()?;
        Some(goal.met(&self.summary, &self.loaded_summary))
    }

    /// Whether a slider may move now (lesson steps lock the others);
    /// sets the reason in the status line when it may not.
    pub(super) fn may_move(&mut self, spec: &ParamSpec) -> bool {
        let Some(unlock) = self.lesson_step().and_then(|s| s.unlock.clone()) else {
            return true;
        };
        if unlock.contains(&spec.id) {
            return true;
        }
        if unlock.is_empty() {
            status!(self, error, text::no_sliders());
        } else {
            let labels: Vec<&str> = unlock
                .iter()
                .map(|id| {
                    let spec = ParamSpec::of(*id);
                    crate::i18n::tr(spec.label)
                })
                .collect();
            let label = crate::i18n::tr(spec.label);
            status!(
                self,
                error,
                text::locked(label, &labels.join(crate::i18n::tr(", ")))
            );
        }
        false
    }

    /// The lesson's own keys on the main screen; false when the action is not one.
    pub(super) fn lesson_action(&mut self, action: Action) -> bool {
        if self.program.lesson().is_none() {
            return false;
        }
        match action {
            Action::NextStep => self.go_step(1),
            Action::PrevStep => self.go_step(-1),
            Action::BeginAnswer => {
                if self.can_answer() {
                    self.mode = Mode::Predict { choice: 0 };
                }
            }
            Action::Choose(n) => {
                if self.can_answer() {
                    self.answer(n);
                }
            }
            _ => return false,
        }
        true
    }

    fn go_step(&mut self, by: isize) {
        let count = self.scenario.lesson.steps.len();
        let Some(l) = self.program.lesson() else {
            return;
        };
        let next = l.step.checked_add_signed(by).filter(|n| *n < count);
        match next {
            Some(n) => {
                self.note_goal();
                let params = self.config.params;
                if let Some(l) = self.program.lesson_mut() {
                    l.step = n;
                    l.opened = params;
                }
                let step = &self.scenario.lesson.steps[n];
                // The first slider the step unlocks is selected, ready to move.
                if let Some(first) = step.unlock.as_ref().and_then(|u| u.first())
                    && let Some(i) = crate::model::PARAMS.iter().position(|s| s.id == *first)
                {
                    self.selected = i;
                }
                let title = step.title.clone();
                // A goal never opens already met by changes carried from
                // earlier steps: the sliders go back to the scenario as loaded.
                if self.goal_met() == Some(true)
                    && self.config.params != self.scenario.config.params
                {
                    let loaded = self.scenario.config.params;
                    self.try_set(loaded, None);
                    if let Some(l) = self.program.lesson_mut() {
                        l.opened = loaded;
                    }
                    status!(self, info, text::step_reset(n + 1, count, title.current()));
                } else {
                    status!(self, info, text::step(n + 1, count, title.current()));
                }
                self.note_goal();
            }
            None if by > 0 => status!(self, info, text::last()),
            None => status!(self, info, text::first()),
        }
    }

    /// Records the current step's goal as met once the run meets it.
    pub(super) fn note_goal(&mut self) {
        let met = self.goal_met();
        if let (Some(l), Some(met)) = (self.program.lesson_mut(), met) {
            let slot = &mut l.goals[l.step];
            *slot = Some(slot.unwrap_or(false) || met);
        }
    }

    fn can_answer(&mut self) -> bool {
        let Some(step) = self.lesson_step() else {
            return false;
        };
        // A question with its own setting needs no move: answering applies it.
        let needs_move = step.unlock.as_ref().is_some_and(|u| !u.is_empty())
            && step.predict.as_ref().is_some_and(|p| p.set.is_empty());
        if step.predict.is_none() {
            status!(self, error, text::no_prediction());
            false
        } else if self.program.lesson().is_some_and(|l| l.answer().is_some()) {
            status!(self, info, text::answered());
            false
        } else if needs_move && self.changed().is_empty() {
            status!(self, error, text::move_first());
            false
        } else {
            true
        }
    }

    /// Records an answer (a choice index) and reveals the curves.
    fn answer(&mut self, choice: usize) {
        let Some(p) = self.lesson_step().and_then(|s| s.predict.clone()) else {
            return;
        };
        let count = p.choices.en().len();
        if choice >= count {
            status!(self, error, text::no_choice(choice + 1, count));
            return;
        }
        let correct = if p.set.is_empty() {
            p.answer(&self.summary, &self.loaded_summary)
        } else {
            // Scored on the question's own setting, which answering applies.
            let opened = self
                .program
                .lesson()
                .map_or(self.config.params, |l| l.opened);
            let params = p.applied(&opened);
            if let Some((_, msg)) = crate::scenario::cross_field_messages(&params).first() {
                self.mode = Mode::Normal;
                status!(self, error, text::cannot_apply(&msg.to_string()));
                return;
            }
            let mut cfg = self.config.clone();
            cfg.params = params;
            let correct = p.answer(&summarize(&simulate(&cfg)), &self.loaded_summary);
            self.try_set(params, None);
            correct
        };
        if let Some(l) = self.program.lesson_mut() {
            l.answers[l.step] = Some(Answer { choice, correct });
        }
        self.mode = Mode::Normal;
        // Worded in each reader's language (the status is), as the file gives it.
        let name = |c: usize| {
            let choices = &p.choices;
            choices
                .current()
                .get(c)
                .or(choices.en().get(c))
                .cloned()
                .unwrap_or_default()
        };
        match correct {
            Some(c) if c == choice => status!(self, info, text::right(&name(c))),
            Some(c) => status!(self, error, text::wrong(&name(c))),
            None => status!(self, info, text::unscorable()),
        }
    }

    /// The prediction chooser: arrows move, Enter or a number answers.
    pub(super) fn predict(&mut self, action: Action) {
        let n = self
            .lesson_step()
            .and_then(|s| s.predict.as_ref())
            .map_or(0, |p| p.choices.en().len());
        let Mode::Predict { choice } = &mut self.mode else {
            return;
        };
        match action {
            Action::Up => *choice = choice.saturating_sub(1),
            Action::Down => *choice = (*choice + 1).min(n.saturating_sub(1)),
            Action::Cancel => self.mode = Mode::Normal,
            Action::Submit => {
                let c = *choice;
                self.answer(c);
            }
            Action::Choose(c) => self.answer(c),
            _ => {}
        }
    }

    /// The sliders the current step lets move (`None`: all).
    pub fn unlocked(&self) -> Option<&[ParamId]> {
        self.lesson_step()?.unlock.as_deref()
    }
}
