//! Bytes → text: UTF-8 first, then what the file says about itself, then Windows-1252 byte by byte.
//!
//! Pages scraped from the web are mostly UTF-8, but older sites serve Latin-1 / Windows-1252 (and
//! aggregators paste both into one file). The order, and why:
//!
//! 1. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE): it cannot be there by accident.
//! 2. A NUL byte in the first 8 KiB means a binary file (text never holds one): refused.
//! 3. Valid UTF-8 is UTF-8 (the WHATWG advice: a page that validates as UTF-8 almost surely is).
//! 4. A charset the file declares in its first 2 KiB (`<meta charset=…>`, `http-equiv` content,
//!    `<?xml … encoding=…?>`), by the WHATWG label table of `encoding_rs` (so `iso-8859-1` means
//!    Windows-1252, as browsers read it).
//! 5. Otherwise each byte sequence that is not UTF-8 is read as Windows-1252 (a superset of the
//!    printable Latin-1 range), so a UTF-8 file with a pasted Latin-1 paragraph keeps both parts.
//!    When too many bytes need that fallback, or a byte has no meaning in Windows-1252, or the
//!    result is mostly control characters, the file is not text in any encoding we can tell:
//!    refused by name with the reason.
//!
//! `encoding_rs` (Firefox's decoder, WHATWG Encoding Standard) rather than a statistical detector:
//! the declared label and the fallback are rules a user can predict, and a wrong guess among
//! single-byte encodings would silently garble names, which a refusal never does.

use std::path::Path;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

use crate::error::{Error, Result};

/// Share of bytes (per mille) that may need the Windows-1252 fallback before the file counts as
/// undecodable: Latin-1 prose in Western languages has 2–8% accented letters; binary data ~50%.
const MAX_FALLBACK_PER_MILLE: usize = 250;
/// The share is judged only from this many fallback bytes on: a short Latin-1 line ("Très bien")
/// can be a third accented letters and is still text, while binary data large enough to matter has
/// far more such bytes.
const MIN_FALLBACK_TO_JUDGE: usize = 16;
/// Share of control characters (per mille, tabs and line ends excepted) in a decoded fallback text.
const MAX_CONTROL_PER_MILLE: usize = 100;
/// Bytes Windows-1252 leaves undefined: never in a real Windows-1252 text.
const UNDEFINED_1252: &[u8] = &[0x81, 0x8d, 0x8f, 0x90, 0x9d];

static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_.:-]{1,40})"#)
        .expect("valid regex")
});

/// The encoding a text was read in, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Valid UTF-8 (with or without a byte-order mark).
    Utf8,
    /// A byte-order mark or a declared charset named this encoding.
    Declared(&'static Encoding),
    /// UTF-8 where valid, each other byte as Windows-1252; the count of such bytes.
    Fallback(usize),
}

impl Source {
    /// A short label for reports: `utf-8`, `windows-1252 (declared)`, or
    /// `utf-8, 3 bytes read as windows-1252`.
    pub fn label(&self) -> String {
        match self {
            Source::Utf8 => "utf-8".into(),
            Source::Declared(enc) => format!("{} (declared)", enc.name().to_lowercase()),
            Source::Fallback(0) => "utf-8".into(),
            Source::Fallback(n) => format!(
                "utf-8, {n} byte{} read as windows-1252",
                if *n == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Decode `bytes` as text, refusing binary and undecodable content with a reason naming `path`.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    decode_with_source(path, bytes).map(|(text, _)| text)
}

/// [`decode`], also saying how the text was read.
pub fn decode_with_source(path: &Path, bytes: Vec<u8>) -> Result<(String, Source)> {
    let undecodable = |reason: String| Error::Undecodable {
        path: path.to_path_buf(),
        reason,
    };
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        if enc == UTF_16LE || enc == UTF_16BE {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(undecodable(format!(
                    "a {} byte-order mark, but the bytes are not {}",
                    enc.name(),
                    enc.name()
                )));
            }
            return Ok((text.into_owned(), Source::Declared(enc)));
        }
    }
    if let Some(pos) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            reason: format!("a NUL byte at offset {pos}"),
        });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            return Ok((text, Source::Utf8));
        }
        Err(e) => e.into_bytes(),
    };
    if let Some(enc) = declared(&bytes) {
        if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
            if !had_errors {
                return Ok((text.into_owned(), Source::Declared(enc)));
            }
        }
    }
    let (text, fallback, undefined) = utf8_or_1252(&bytes);
    if let Some(b) = undefined {
        return Err(undecodable(format!(
            "neither UTF-8 nor a declared charset, and byte 0x{b:02X} has no meaning in Windows-1252 \
             (convert the file to UTF-8, or declare its charset)"
        )));
    }
    if fallback >= MIN_FALLBACK_TO_JUDGE && fallback * 1000 > bytes.len() * MAX_FALLBACK_PER_MILLE {
        return Err(undecodable(format!(
            "neither UTF-8 nor a declared charset, and {fallback} of {} bytes are not UTF-8 \
             (over {}%: convert the file to UTF-8, or declare its charset)",
            bytes.len(),
            MAX_FALLBACK_PER_MILLE / 10
        )));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    if controls * 1000 > text.chars().count() * MAX_CONTROL_PER_MILLE {
        return Err(undecodable(format!(
            "neither UTF-8 nor a declared charset, and {controls} control characters: not text"
        )));
    }
    Ok((text, Source::Fallback(fallback)))
}

/// The charset a file declares near its start, if `encoding_rs` knows the label.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    DECLARED
        .captures_iter(head)
        .find_map(|c| Encoding::for_label(&c[1]))
}

/// UTF-8 where valid, Windows-1252 for each byte that is not; the count of fallback bytes and the
/// first byte undefined in Windows-1252, if any.
fn utf8_or_1252(mut bytes: &[u8]) -> (String, usize, Option<u8>) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let (mut fallback, mut undefined) = (0usize, None);
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // The prefix was just validated.
                out.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                for &b in &bytes[good..good + bad] {
                    if UNDEFINED_1252.contains(&b) && undefined.is_none() {
                        undefined = Some(b);
                    }
                    let one = [b];
                    let (c, _) = WINDOWS_1252.decode_without_bom_handling(&one);
                    out.push_str(&c);
                }
                fallback += bad;
                bytes = &bytes[good + bad..];
            }
        }
    }
    (out, fallback, undefined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, Source) {
        decode_with_source(Path::new("t"), bytes.to_vec()).unwrap()
    }

    #[test]
    fn utf8_and_boms() {
        assert_eq!(ok("\u{feff}Hi".as_bytes()), ("Hi".into(), Source::Utf8));
        let mut le = vec![0xff, 0xfe];
        le.extend("café".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(ok(&le).0, "café");
        let mut be = vec![0xfe, 0xff];
        be.extend("café".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(ok(&be).0, "café");
    }

    #[test]
    fn declared_charsets_are_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-15\"></head><p>\xa4 5, caf\xe9</p>";
        let (text, source) = ok(page);
        assert!(text.contains("€ 5, café"), "{text}");
        assert_eq!(source, Source::Declared(encoding_rs::ISO_8859_15));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcf\xf0\xe8";
        assert!(ok(page).0.ends_with("При"));
    }

    #[test]
    fn latin1_and_mixed_text_fall_back_byte_by_byte() {
        let (text, source) = ok(b"Caf\xe9 cr\xe8me, \x93quoted\x94.");
        assert_eq!(text, "Café crème, “quoted”.");
        assert_eq!(source, Source::Fallback(4));
        let mixed = [
            "Ünïcode line.\n".as_bytes(),
            b"Latin-1 line: na\xefve.\n".as_slice(),
        ]
        .concat();
        assert_eq!(ok(&mixed).0, "Ünïcode line.\nLatin-1 line: naïve.\n");
        // A short line a third of which is accented letters is still text (found by proptest).
        assert_eq!(ok(b"a\xc0a").0, "aÀa");
        assert_eq!(ok(b"Tr\xe8s \xe0 \xe9t\xe9").0, "Très à été");
    }

    #[test]
    fn binary_and_undecodable_bytes_are_refused_by_name() {
        let e = decode(Path::new("x.txt"), b"ab\0cd".to_vec()).unwrap_err();
        assert!(e.to_string().starts_with("x.txt: ") && e.to_string().contains("NUL"));
        let e = decode(Path::new("u.txt"), b"abc \x81 def".to_vec()).unwrap_err();
        assert!(e.to_string().contains("0x81"), "{e}");
        let noise: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 1)
            .filter(|b| !UNDEFINED_1252.contains(b))
            .collect();
        let e = decode(Path::new("n.bin"), noise).unwrap_err();
        assert!(e.to_string().starts_with("n.bin: cannot decode"), "{e}");
        let e = decode(Path::new("c.txt"), b"\x01\x02\x03\x04\xe9".to_vec()).unwrap_err();
        assert!(e.to_string().contains("control characters"), "{e}");
    }
}
