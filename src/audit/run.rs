//! The audit run.
