//! The `flywheel` command (temporary wiring for the TUI; the CLI replaces it).

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scenario = match args.as_slice() {
        [cmd, arg] if cmd == "tui" => {
            flywheel::scenario::resolve(arg).map_err(|d| anyhow::anyhow!("{d}"))?
        }
        _ => flywheel::scenario::Scenario {
            name: "balanced".into(),
            ..Default::default()
        },
    };
    flywheel::tui::run(scenario)
}
