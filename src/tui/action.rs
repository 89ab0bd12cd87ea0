//! Everything a user can ask for, as data: key and mouse events become
//! [`Action`]s, and [`App::update`](super::App::update) is the only place
//! that acts on them.

/// One request to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program at once (Ctrl-C).
    Quit,
    /// Leave the program, asking first when there is unsaved work.
    RequestQuit,
    /// Close the current overlay or prompt without doing anything.
    Cancel,
    /// Select the previous parameter (or picker entry).
    Up,
    /// Select the next parameter (or picker entry).
    Down,
    /// Select a parameter by its index in the parameter table (mouse click).
    Select(usize),
    /// Move the selected parameter by a number of fine steps (negative lowers).
    Step(i32),
    /// Move the selected parameter by a number of coarse steps.
    Coarse(i32),
    /// Select a parameter and move it by fine steps (mouse wheel).
    StepParam(usize, i32),
    /// Start typing an exact value for the selected parameter.
    BeginEdit,
    /// Reset the selected parameter to its loaded value.
    ResetOne,
    /// Reset every parameter to its loaded value.
    ResetAll,
    /// Undo the last parameter change.
    Undo,
    /// Make the current run the baseline.
    PinBaseline,
    /// Show or hide the previous run as a second ghost.
    TogglePrevious,
    /// Move the time cursor one period back.
    CursorPrev,
    /// Move the time cursor one period on.
    CursorNext,
    /// Move the time cursor to period 0.
    CursorHome,
    /// Move the time cursor to the last period.
    CursorEnd,
    /// Move the time cursor to a period (mouse click on a chart).
    CursorTo(u32),
    /// Play or pause the period-by-period animation.
    TogglePlay,
    /// One animation frame: the play head advances a period.
    Tick,
    /// Play faster.
    Faster,
    /// Play slower.
    Slower,
    /// Show the next chart when only one fits.
    NextChart,
    /// Open the help overlay.
    Help,
    /// Open the scenario picker.
    OpenPicker,
    /// Ask for a file name and save the scenario.
    BeginSave,
    /// Ask for a path and export the run as CSV.
    BeginExport,
    /// A typed character in a text field.
    Input(char),
    /// Delete the character before the text cursor.
    Backspace,
    /// Accept the text field or the picker choice.
    Submit,
    /// Answer yes to a confirmation.
    Yes,
    /// Answer no to a confirmation.
    No,
    /// Switch between the charts and the flywheel view.
    ToggleView,
    /// Ask for a file name and save the session (for `flywheel replay`).
    BeginSaveSession,
    /// Write a message to the product seat (the sales seat, in two seats).
    BeginMessage,
    /// Go to the lesson's next step.
    NextStep,
    /// Go back to the lesson's previous step.
    PrevStep,
    /// Open the chooser for the step's prediction.
    BeginAnswer,
    /// Answer the step's prediction with a choice (0-based; the key pressed was 1-based).
    Choose(usize),
    /// Play mode: commit this turn's decisions and play one turn.
    Advance,
    /// Switch between expected (deterministic) and drawn (stochastic) flows.
    ToggleStochastic,
    /// Draw the stochastic run again with the next seed.
    NextSeed,
    /// Show or hide Monte Carlo bands around the curves.
    ToggleBands,
    /// Open the tornado: which lever matters most for the current settings.
    Tornado,
    /// Search the best steady policy for the sliders in view (explore only).
    BestPolicy,
    /// Mark or unmark the selected parameter for the fit to the history.
    MarkFit,
    /// Fit the marked parameters to the history (`tui --data`) in the background.
    Refit,
}
