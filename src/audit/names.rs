//! File names made from feed data (story titles, ids): the one place they are sanitised.
//!
//! A name from a feed may hold anything: `../../etc/passwd`, an absolute path, separators, control
//! characters, a reserved Windows name, thousands of characters, or the same title twice. The
//! result of [`safe_name`] is a single path component of ASCII letters, digits, `-` and `_`,
//! bounded in length, never `.`/`..`, and unique within the [`Names`] set that made it.

use std::collections::HashSet;

/// Longest stem produced (before the uniqueness suffix and the extension).
pub const MAX_STEM: usize = 80;

/// A safe file stem from arbitrary text: lower-case ASCII letters and digits, runs of anything else
/// become one `-`; empty → `item`; at most [`MAX_STEM`] bytes.
pub fn safe_stem(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(MAX_STEM));
    let mut dash = false;
    for c in raw.chars() {
        if out.len() >= MAX_STEM {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    // Device names that Windows reserves whatever the extension.
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "lpt1", "lpt2", "lpt3",
    ];
    if out.is_empty() || RESERVED.contains(&out.as_str()) {
        out.insert_str(0, "item-");
        if out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// Names handed out so far in one output directory.
#[derive(Debug, Default)]
pub struct Names {
    used: HashSet<String>,
}

impl Names {
    /// A unique, safe file name `stem.ext` for `raw` (`stem-2.ext`, `stem-3.ext`, … on collision).
    pub fn safe_name(&mut self, raw: &str, ext: &str) -> String {
        let ext = safe_stem(ext);
        let stem = safe_stem(raw);
        let mut name = format!("{stem}.{ext}");
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{stem}-{n}.{ext}");
            n += 1;
        }
        name
    }

    /// Reserve a fixed name (e.g. `summary.json`) so no story takes it.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_one_safe_component() {
        let mut n = Names::default();
        n.reserve("summary.json");
        for raw in [
            "../../etc/passwd",
            "/absolute/path",
            "C:\\Windows\\system32",
            "a/b\\c",
            "..",
            ".",
            "",
            "\u{0}\u{7}\n\r\t",
            "con",
            "Ωμέγα — Ünïcode ☃",
            &"x".repeat(5000),
        ] {
            let name = n.safe_name(raw, "json");
            assert!(!name.contains('/') && !name.contains('\\'), "{name}");
            assert!(!name.contains(".."), "{name}");
            assert!(name.len() <= MAX_STEM + 16, "{}", name.len());
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
                "{name}"
            );
            let p = std::path::Path::new(&name);
            assert_eq!(p.components().count(), 1, "{name}");
            assert!(p.is_relative());
            assert!(!name.starts_with('.') && !name.starts_with('-'), "{name}");
        }
        assert_eq!(n.safe_name("../../etc/passwd", "json"), "etc-passwd-2.json");
        assert_eq!(n.safe_name("summary", "json"), "summary-2.json");
        assert_eq!(safe_stem("con"), "item-con");
        assert_eq!(safe_stem("Fed Holds Rates: 5.25%!"), "fed-holds-rates-5-25");
    }
}
