//! The JSON writer: `{"scenario": {...}, "summary": {...}, "rows": [...]}`.
