//! The terminal table: summary metrics and a compact per-period table.
