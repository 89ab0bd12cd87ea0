//! The preset scenarios shipped in `scenarios/`, embedded in the binary.

/// An embedded preset.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Its name (`balanced`).
    pub name: &'static str,
    /// Its TOML text, as in `scenarios/NAME.toml`.
    pub toml: &'static str,
}

/// Every preset, `balanced` (the default) first.
pub static PRESETS: &[Preset] = &[];

/// Looks a preset up by name.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}
