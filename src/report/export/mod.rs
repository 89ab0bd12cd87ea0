//! A scenario as a model other tools open: XMILE 1.0, the OASIS standard
//! for system dynamics (Stella, Vensim's XMILE import, PySD, Simlin). The file holds
//! the same difference equations as [`crate::model::simulate`], so a peer
//! tool reproduces `flywheel run` column by column; what it could not
//! reproduce exactly is refused with a [`Refusal`], never exported wrong.

pub mod equations;
mod flows;
pub mod schedule;
pub mod xmile;

pub use flows::amount_columns;
pub use schedule::{Delay, Refusal};
pub use xmile::{to_xmile, to_xmile_with};

/// A number as XMILE reads it back to the same f64 (negative ones in parentheses).
pub fn num(v: f64) -> String {
    let text = format!("{v:?}");
    if v.is_sign_negative() {
        format!("({text})")
    } else {
        text
    }
}
