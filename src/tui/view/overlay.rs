//! Pop-ups over the main screen: help (generated from the keymap), the
//! scenario picker, the value editor, file prompts and the overwrite question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::popup::{centered, clear, popup};
use super::theme;
use crate::format::{fit, fit_right, money, range};
use crate::i18n::tr;
use crate::model::fmt_num;
use crate::tui::Action;
use crate::tui::app::{App, Leave, Mode, PickerEntry, pick, pick_list};
use crate::tui::keymap::{Scope, bindings};

/// The pop-ups' words, in one place (translated by [`crate::i18n`]).
mod text {
    use crate::i18n::{tr, trf};
    use crate::tui::keymap::Scope;

    pub fn editing(now: &str, range: &str) -> String {
        trf("now {} · valid {}", &[&now, &range])
    }
    pub fn file_prompt() -> &'static str {
        tr("Enter to write · Esc to cancel · never overwrites without asking")
    }
    pub fn exists(path: &str) -> String {
        trf("{} already exists.", &[&path])
    }
    pub fn overwrite_it() -> &'static str {
        tr("Overwrite it? ")
    }
    pub fn overwrite() -> &'static str {
        tr(" overwrite   ")
    }
    pub fn keep_it() -> &'static str {
        tr(" keep it")
    }
    pub fn file_exists() -> &'static str {
        tr("File exists")
    }
    pub fn leave_question(open: bool) -> &'static str {
        if open {
            tr("Open another scenario without saving?")
        } else {
            tr("Quit without saving?")
        }
    }
    pub fn not_saved(play: bool) -> &'static str {
        if play {
            tr("The game in progress is not saved.")
        } else {
            tr("Your changes are not saved.")
        }
    }
    pub fn leave_yes(open: bool) -> &'static str {
        if open { tr(" open   ") } else { tr(" quit   ") }
    }
    pub fn stay() -> &'static str {
        tr(" stay")
    }
    pub fn unsaved() -> &'static str {
        tr("Unsaved work")
    }
    pub fn best_title() -> &'static str {
        tr("Best steady policy for the sliders in view")
    }
    pub fn best_goal(objective: &str, conditions: &str) -> String {
        trf(
            "The most {} any constant setting of these sliders earns, with {}.",
            &[&objective, &conditions],
        )
    }
    pub fn searching() -> &'static str {
        tr("searching ")
    }
    pub fn searching_note() -> &'static str {
        tr("The screen stays live: Esc closes, the search goes on, O shows it again.")
    }
    pub fn on_bound() -> &'static str {
        tr(" (range end)")
    }
    pub fn binding(what: &str) -> String {
        trf("holding it back: {}", &[&what])
    }
    pub fn best_stale() -> &'static str {
        tr("the settings changed since the search: O searches again")
    }
    pub fn best_keys() -> &'static str {
        tr("Enter applies it (u undoes) · Esc closes")
    }
    pub fn not_moved(value: &str) -> String {
        trf("not moved (at {})", &[&value])
    }
    pub fn session(decisions: usize) -> String {
        trf("session: {} decisions; Enter replays it", &[&decisions])
    }
    pub fn tornado_intro(revenue: &str) -> String {
        trf(
            "Total revenue {} now; each lever you decide moved down and up by 20%:",
            &[&revenue],
        )
    }
    pub fn moved_down() -> &'static str {
        tr("▒ moved down  ")
    }
    pub fn moved_up() -> &'static str {
        tr("█ moved up")
    }
    pub fn tornado_title() -> String {
        trf("Which lever matters most now ({})", &[&close_hint()])
    }
    pub fn predict_title() -> String {
        trf("Your prediction ({})", &[&keys_line(Scope::Predict)])
    }
    pub fn mouse() -> &'static str {
        tr("Mouse")
    }
    /// What the mouse does, from the keymap's mouse table: where, and what it does there.
    pub fn mouse_bindings() -> Vec<(&'static str, &'static str)> {
        crate::tui::keymap::MOUSE
            .iter()
            .filter_map(|m| m.help)
            .map(|(place, what)| (tr(place), tr(what)))
            .collect()
    }
    pub fn help_scrolled(first: usize, last: usize, of: usize) -> String {
        trf(
            "Help {}-{} of {} ({})",
            &[&first, &last, &of, &keys_line(Scope::Help)],
        )
    }
    /// The help's title when it all fits: nothing to scroll, so only the key that closes it.
    pub fn help() -> String {
        trf("Help ({})", &[&close_hint()])
    }
    /// The key that closes the help and the tornado, `Esc close`.
    fn close_hint() -> String {
        crate::tui::keymap::popup_hints(Scope::Help)
            .iter()
            .filter(|h| h.actions == [crate::tui::Action::Cancel])
            .filter_map(|h| {
                crate::tui::keymap::keys(&[Scope::Help], h).map(|k| format!("{k} {}", tr(h.label)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
    pub fn picker() -> String {
        trf("Open a scenario ({})", &[&keys_line(Scope::Picker)])
    }
    /// A popup's keys from the keymap, `Enter open · Esc close`.
    fn keys_line(scope: Scope) -> String {
        use crate::tui::keymap::{keys, popup_hints};
        popup_hints(scope)
            .iter()
            .filter_map(|h| keys(&[scope], h).map(|k| format!("{k} {}", tr(h.label))))
            .collect::<Vec<_>>()
            .join(" · ")
    }
    /// The key of `action` in `scope`'s popup, as help writes it (`y`).
    pub fn key(scope: Scope, action: crate::tui::Action) -> &'static str {
        crate::tui::keymap::first_key(&[scope], action).unwrap_or("?")
    }
    pub fn invalid(err: &str) -> String {
        trf("invalid: {}", &[&err])
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match app.mode() {
        Mode::Normal => {}
        Mode::Help => help(
            &help_scopes(app),
            app.play_state().is_none(),
            app.help_scroll,
            area,
            buf,
        ),
        Mode::Predict { choice } => predict(app, *choice, area, buf),
        Mode::Tornado { tornado } => tornado_view(tornado, area, buf),
        Mode::Picker { entries, selected } => picker(entries, *selected, area, buf),
        Mode::Editing { buffer, error } => {
            let spec = app.edit_target();
            let current = match app.play_state() {
                Some(p) => fmt_num(p.game.value(spec.id)),
                None => fmt_num(app.params()[spec.id]),
            };
            let info = text::editing(&current, &range(spec));
            let question = format!("{} =", spec.key);
            prompt(&question, buffer, Some(&info), error.as_deref(), area, buf);
        }
        Mode::Prompt {
            kind,
            buffer,
            error,
        } => {
            let info = text::file_prompt();
            prompt(
                kind.question(),
                buffer,
                Some(info),
                error.as_deref(),
                area,
                buf,
            );
        }
        Mode::Best => best_view(app, area, buf),
        Mode::Refit => super::refit::render(app, area, buf),
        Mode::Leave { then } => {
            let open = *then == Leave::Open;
            let r = centered(area, 50, 5);
            clear(r, buf);
            let text = vec![
                Line::from(text::not_saved(app.play_state().is_some())),
                Line::from(vec![
                    Span::from(format!("{} ", text::leave_question(open))).bold(),
                    Span::from(text::key(Scope::Leave, Action::Yes))
                        .bold()
                        .fg(theme::BAD),
                    Span::from(text::leave_yes(open)),
                    Span::from(text::key(Scope::Leave, Action::No))
                        .bold()
                        .fg(theme::GOOD),
                    Span::from(text::stay()),
                ]),
            ];
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(popup(text::unsaved()))
                .render(r, buf);
        }
        Mode::Confirm { path, .. } => {
            let r = centered(area, 64, 5);
            clear(r, buf);
            let text = vec![
                Line::from(text::exists(&path.display().to_string())),
                Line::from(vec![
                    Span::from(text::overwrite_it()),
                    Span::from(text::key(Scope::Confirm, Action::Yes))
                        .bold()
                        .fg(theme::BAD),
                    Span::from(text::overwrite()),
                    Span::from(text::key(Scope::Confirm, Action::No))
                        .bold()
                        .fg(theme::GOOD),
                    Span::from(text::keep_it()),
                ]),
            ];
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(popup(text::file_exists()))
                .render(r, buf);
        }
    }
}

/// The best steady policy: a progress bar while it is searched, then each
/// slider's value now and at the optimum, the objective's gain, and what binds.
fn best_view(app: &App, area: Rect, buf: &mut Buffer) {
    use super::params::short_value;
    use crate::model::ParamSpec;
    let Some(b) = app.best() else {
        return;
    };
    let p = &b.problem;
    let mut conditions: Vec<&str> = p.constraints.iter().map(|c| c.text.as_str()).collect();
    if conditions.is_empty() {
        conditions.push("-");
    }
    let mut lines = vec![
        Line::from(text::best_goal(p.objective.name, &conditions.join(", "))),
        Line::from(""),
    ];
    match &b.result {
        None => {
            let w = 30;
            let done = (b.progress * w as f64).round() as usize;
            lines.push(Line::from(vec![
                Span::from(text::searching()).bold(),
                Span::from("█".repeat(done)).fg(theme::ACCENT),
                Span::from("░".repeat(w - done.min(w))).fg(theme::BASELINE),
                Span::from(format!(" {:.0}%", b.progress * 100.0)),
            ]));
            lines.push(Line::from(text::searching_note()).fg(theme::BASELINE));
        }
        Some(Err(msg)) => lines.push(Line::from(msg.clone()).fg(theme::BAD)),
        Some(Ok(o)) => {
            let label_w = 24;
            lines.push(
                Line::from(format!(
                    "{}{}  {}  {}",
                    fit(tr("slider"), label_w),
                    fit_right(tr("now"), 10),
                    fit_right(tr("best"), 10),
                    tr("within 1% of the best")
                ))
                .fg(theme::BASELINE),
            );
            for c in &o.decisions {
                let spec = ParamSpec::of(c.id);
                let now = app.params()[c.id];
                let moved = (now - c.value).abs() > 1e-9 * c.value.abs().max(1.0);
                let bound = match c.on_bound {
                    Some(_) => text::on_bound(),
                    None => "",
                };
                lines.push(Line::from(vec![
                    Span::from(fit(tr(spec.label), label_w)),
                    Span::from(format!("{:>10}", short_value(spec, now))),
                    Span::from(if moved { " →" } else { "  " }).fg(theme::ACCENT),
                    Span::styled(
                        format!("{:>10}", short_value(spec, c.value)),
                        if moved {
                            Style::new().fg(theme::CHANGED).bold()
                        } else {
                            Style::new()
                        },
                    ),
                    Span::from(format!(
                        "  {}–{}{bound}",
                        short_value(spec, c.flat.0),
                        short_value(spec, c.flat.1)
                    ))
                    .fg(theme::BASELINE),
                ]));
            }
            let now = (p.objective.get)(app.summary());
            let show = |v: Option<f64>| {
                v.map_or_else(|| "n/a".to_string(), money_or_num(p.objective.name))
            };
            lines.push(Line::from(""));
            lines.push(Line::from(vec![
                Span::from(fit(p.objective.name, label_w)).bold(),
                Span::from(format!("{:>10}", show(now))),
                Span::from(" →").fg(theme::ACCENT),
                Span::from(format!("{:>10}", show(Some(o.objective))))
                    .bold()
                    .fg(theme::GOOD),
            ]));
            if !o.binding.is_empty() {
                lines.push(Line::from(text::binding(&o.binding.join(", "))).fg(theme::BASELINE));
            }
            if !app.best_is_current() {
                lines.push(Line::from(text::best_stale()).fg(theme::BAD));
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(text::best_keys()).fg(theme::BASELINE));
    let h = (lines.len() as u16 + 3).min(area.height);
    let r = centered(area, 78, h);
    clear(r, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(popup(text::best_title()))
        .render(r, buf);
}

/// Money metrics as money, the rest as plain numbers.
fn money_or_num(name: &str) -> impl Fn(f64) -> String {
    let money_like = name.contains("revenue")
        || name.contains("profit")
        || name.contains("cash")
        || name.contains("interest");
    move |v| {
        if money_like {
            money(v)
        } else {
            crate::format::number(v)
        }
    }
}

fn tornado_view(t: &crate::analysis::sensitivity::Tornado, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 96, area.height.saturating_sub(2));
    clear(r, buf);
    let rows = usize::from(r.height.saturating_sub(5));
    let half = usize::from(r.width.saturating_sub(70) / 2).clamp(6, 20);
    let mut lines = vec![
        Line::from(text::tornado_intro(&money(t.base))),
        Line::from(vec![
            Span::from(text::moved_down()).fg(theme::BAD),
            Span::from(text::moved_up()).fg(theme::GOOD),
        ]),
    ];
    for (e, bar) in crate::analysis::sensitivity::tornado_lines(t, rows, half) {
        let range = if e.not_moved() {
            text::not_moved(&fmt_num(e.base_value))
        } else {
            format!("{} → {}", money(e.low), money(e.high))
        };
        let spec = e.spec;
        let (left, right) = bar.split_once('│').unwrap_or((&bar, ""));
        lines.push(Line::from(vec![
            Span::from(format!("{} ", fit(tr(spec.label), 22))),
            Span::from(format!("{} ", fit(spec.key, 20))).fg(theme::BASELINE),
            Span::from(left.to_string()).fg(theme::ACCENT),
            Span::from("│"),
            Span::from(right.to_string()).fg(theme::ACCENT),
            Span::from(format!(" {range}")).fg(theme::BASELINE),
        ]));
    }
    Paragraph::new(lines)
        .block(popup(&text::tornado_title()))
        .render(r, buf);
}

fn prompt(
    question: &str,
    buffer: &str,
    info: Option<&str>,
    error: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) {
    let r = centered(area, 70, 5);
    clear(r, buf);
    let mut text = vec![Line::from(vec![
        Span::from(format!("{question} ")).bold(),
        Span::from(buffer.to_string()),
        Span::from("█").fg(theme::ACCENT),
    ])];
    if let Some(e) = error {
        text.push(Line::from(e.to_string()).fg(theme::BAD));
    } else if let Some(i) = info {
        text.push(Line::from(i.to_string()).fg(theme::BASELINE));
    }
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .block(popup(question.trim_end_matches(" =")))
        .render(r, buf);
}

/// The scopes help lists on this screen.
fn help_scopes(app: &App) -> Vec<Scope> {
    if app.play_state().is_some() {
        vec![
            Scope::Play,
            Scope::Global,
            Scope::Text,
            Scope::Confirm,
            Scope::Leave,
        ]
    } else if app.lesson().is_some() {
        vec![
            Scope::Lesson,
            Scope::Normal,
            Scope::Global,
            Scope::Predict,
            Scope::Text,
            Scope::Picker,
            Scope::Confirm,
            Scope::Leave,
            Scope::Best,
        ]
    } else {
        vec![
            Scope::Normal,
            Scope::Global,
            Scope::Text,
            Scope::Picker,
            Scope::Confirm,
            Scope::Leave,
            Scope::Best,
        ]
    }
}

/// The prediction chooser: the question, the choices, the highlighted one.
fn predict(app: &App, choice: usize, area: Rect, buf: &mut Buffer) {
    let Some(p) = app.lesson_step().and_then(|s| s.predict.as_ref()) else {
        return;
    };
    let question = pick(&p.question, &p.question_zh, &p.question_zh_hant);
    let mut lines = vec![Line::from(question.to_string()).bold(), Line::from("")];
    for (i, c) in pick_list(&p.choices, &p.choices_zh, &p.choices_zh_hant)
        .iter()
        .enumerate()
    {
        let line = Line::from(format!(" {} {c} ", i + 1));
        lines.push(if i == choice {
            line.style(Style::new().reversed().bold())
        } else {
            line
        });
    }
    let h = lines.len() as u16 + 4;
    let r = centered(area, 70, h);
    clear(r, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(popup(&text::predict_title()))
        .render(r, buf);
}

fn help(scopes: &[Scope], mouse: bool, scroll: u16, area: Rect, buf: &mut Buffer) {
    let mut lines = Vec::new();
    for &scope in scopes {
        lines.push(Line::from(tr(scope.title())).bold().fg(theme::ACCENT));
        for b in bindings(scope) {
            lines.push(Line::from(vec![
                Span::from(format!("  {} ", fit(b.keys_text, 12))).bold(),
                Span::from(tr(b.label)),
            ]));
        }
    }
    // Play mode has no mouse bindings.
    if mouse {
        lines.push(Line::from(text::mouse()).bold().fg(theme::ACCENT));
        for (place, what) in text::mouse_bindings() {
            lines.push(Line::from(format!("  {} {what}", fit(place, 18))));
        }
    }
    // Two columns when one does not fit; scrolling (↑↓ PgUp PgDn) when two do not either.
    let room = usize::from(area.height.saturating_sub(2));
    let two = area.width >= 70 && room < lines.len() && lines.len().div_ceil(2) <= room;
    let h = if two {
        lines.len().div_ceil(2)
    } else {
        lines.len().min(room)
    };
    let scroll = if two {
        0
    } else {
        usize::from(scroll).min(lines.len().saturating_sub(h))
    };
    let title = if !two && lines.len() > h {
        text::help_scrolled(scroll + 1, scroll + h, lines.len())
    } else {
        text::help()
    };
    let r = centered(area, if two { 100 } else { 64 }, h as u16 + 2);
    clear(r, buf);
    let block = popup(&title);
    let inner = block.inner(r);
    block.render(r, buf);
    if !two {
        Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .render(inner, buf);
    } else {
        let half = lines.len().div_ceil(2);
        let right = lines.split_off(half);
        let [a, b] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(inner);
        Paragraph::new(lines).render(a, buf);
        Paragraph::new(right).render(b, buf);
    }
}

/// `preset`, or the file's name (the detail shows the whole path).
fn origin(e: &PickerEntry) -> &str {
    if e.origin == "preset" {
        return tr("preset");
    }
    std::path::Path::new(&e.origin)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&e.origin)
}

fn picker(entries: &[PickerEntry], selected: usize, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 100, entries.len() as u16 + 10);
    clear(r, buf);
    let block = popup(&text::picker());
    let inner = block.inner(r);
    block.render(r, buf);
    let detail_h = 7.min(inner.height / 2);
    let [list, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    let name_w = 22;
    let height = usize::from(list.height);
    let first = selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, e)| {
            let (desc, style) = match &e.scenario {
                Ok(_) if e.session.is_some() => {
                    let n = e.session.as_ref().map_or(0, |x| x.decisions.len());
                    (text::session(n), Style::new().fg(theme::ACCENT))
                }
                Ok(s) => {
                    let d = pick(&s.description, &s.description_zh, &s.description_zh_hant);
                    (d.lines().next().unwrap_or("").to_string(), Style::new())
                }
                Err(err) => (text::invalid(err), Style::new().fg(theme::BAD)),
            };
            let marker = if i == selected { "▶ " } else { "  " };
            let line = Line::from(vec![
                Span::from(marker).fg(theme::ACCENT),
                Span::from(fit(&e.name, name_w)).bold(),
                Span::from(" "),
                Span::from(fit(origin(e), 16)).fg(theme::BASELINE),
                Span::from(" "),
                Span::styled(desc, style),
            ]);
            if i == selected {
                line.style(Style::new().bg(ratatui::style::Color::Indexed(236)))
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(list, buf);
    if let Some(e) = entries.get(selected) {
        let text: Vec<Line> = match &e.scenario {
            Ok(s) => {
                let from = if e.origin == "preset" {
                    tr("preset")
                } else {
                    &e.origin
                };
                let mut t = vec![Line::from(format!("{} — {from}", s.name)).bold()];
                // The description and the lesson's summary, in the interface's language.
                for d in [
                    pick(&s.description, &s.description_zh, &s.description_zh_hant),
                    pick(
                        &s.lesson.summary,
                        &s.lesson.summary_zh,
                        &s.lesson.summary_zh_hant,
                    ),
                ] {
                    if !d.trim().is_empty() {
                        t.push(Line::from(d.trim().replace('\n', " ")));
                    }
                }
                t
            }
            Err(err) => vec![Line::from(err.clone()).fg(theme::BAD)],
        };
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(
                Block::new()
                    .borders(ratatui::widgets::Borders::TOP)
                    .border_style(Style::new().fg(theme::BORDER)),
            )
            .render(detail, buf);
    }
}
