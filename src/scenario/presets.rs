//! The preset scenarios shipped in `scenarios/`, embedded in the binary so
//! they work from any directory.

/// An embedded preset.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Its name (`balanced`).
    pub name: &'static str,
    /// Its TOML text, as in `scenarios/NAME.toml`.
    pub toml: &'static str,
}

macro_rules! presets {
    ($($name:literal),* $(,)?) => {
        /// Every preset, `balanced` (the default) first.
        pub static PRESETS: &[Preset] = &[
            $(Preset { name: $name, toml: include_str!(concat!("../../scenarios/", $name, ".toml")) },)*
        ];
    };
}

presets!(
    "balanced",
    "bass-classic",
    "product-only",
    "sales-push",
    "founder-led",
    "silo",
    "integrated",
    "competitor-shock",
    "lesson-latency",
    "lesson-product-sales",
    "lesson-founder-scaleup",
);

/// The name of the default preset.
pub const DEFAULT_PRESET: &str = "balanced";

/// Looks a preset up by name.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    /// The preset, parsed. Presets are checked by the test suite, so this
    /// only fails if a shipped file was broken by hand.
    pub fn load(&self) -> Result<super::Scenario, super::Diagnostics> {
        super::parse(&format!("preset:{}", self.name), self.toml)
    }
}
