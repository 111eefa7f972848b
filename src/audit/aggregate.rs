//! Per-source aggregation (filled below).
