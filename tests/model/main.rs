//! The model: the kernel, its invariants and mechanisms, events, the period
//! conversion, the presets and their lessons, and the loaders under fuzzing.

#[path = "../support/mod.rs"]
mod support;

mod events;
mod fuzz_props;
mod invariants;
mod kernel;
mod lessons;
mod loops;
mod mechanisms;
mod now;
mod period;
mod presets;
mod v3;
mod villains;
