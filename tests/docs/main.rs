//! The docs stay true: the README's samples, keys, excerpts and screens,
//! docs/model.md's tables, every text in every locale file, and the shape of
//! the scenario modules.

#[path = "../support/mod.rs"]
mod support;

mod glossary;
mod i18n;
mod model_doc;
mod module_shape;
mod readme;
