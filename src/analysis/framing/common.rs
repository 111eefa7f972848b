//! Small text helpers the parts share: name spellings (possessive, accents, capitals), the word
//! lists of the settings, the author's voice of a sentence (quotations blanked out), content stems,
//! rounding.
//!
//! *Measures nothing* by itself, and holds no rule of any one part: a helper used by one part only
//! lives in that part.

use crate::extract::cues::quoted_ranges;
use crate::model::Document;
use crate::text::stopwords;

/// A name as mentioned: trailing possessive removed.
pub(super) fn clean_name(n: &str) -> String {
    let n = n.trim();
    let n = n
        .strip_suffix("'s")
        .or_else(|| n.strip_suffix("’s"))
        .unwrap_or(n);
    n.trim_end_matches(['\'', '’']).to_string()
}

/// Lower case without accents (Latin letters), for comparing spellings of one name.
pub(super) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

pub(super) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word list of the settings (lower-cased once, when they are read), looked up by word.
pub(super) struct Words<'a>(&'a [String]);

impl Words<'_> {
    pub(super) fn contains(&self, w: &str) -> bool {
        self.0.iter().any(|x| x == w)
    }
}

pub(super) fn word_list(v: &[String]) -> Words<'_> {
    Words(v)
}

/// The sentence with its quoted parts blanked out (byte offsets kept), and whether a quotation is
/// still open at its end.
fn author_part(text: &str, open: bool) -> (String, bool) {
    let (ranges, still) = quoted_ranges(text, open);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if ranges.iter().any(|&(a, b)| i >= a && i < b) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    (out, still)
}

/// Each sentence of a document in the author's voice ([`author_part`]): a quotation still open at
/// the end of a sentence goes on into the next sentence of its paragraph.
pub(super) fn author_sentences(d: &Document) -> Vec<String> {
    let mut out = Vec::with_capacity(d.sentences.len());
    let mut open = false;
    let mut last_para = usize::MAX;
    for s in &d.sentences {
        if s.paragraph != last_para {
            open = false;
            last_para = s.paragraph;
        }
        let (author, still) = author_part(&s.text, open);
        open = still;
        out.push(author);
    }
    out
}

/// Whether the bytes `a..b` of a sentence `text` are in its author's voice `author` (not blanked
/// out as quoted).
pub(super) fn in_author(author: &str, text: &str, a: usize, b: usize) -> bool {
    author
        .get(a..b)
        .is_some_and(|t| t == text.get(a..b).unwrap_or(""))
}

pub(super) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Content stems of a text (no stop words, at least one letter).
pub(super) fn content_stems(text: &str) -> Vec<(String, String)> {
    let stop = stopwords();
    crate::segment::tokens(text, 0)
        .into_iter()
        .filter(|t| !stop.contains(&t.lower) && t.lower.chars().any(char::is_alphabetic))
        .map(|t| (t.stem, text[t.span.start..t.span.end].to_string()))
        .collect()
}
