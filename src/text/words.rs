//! Counting words.
//!
//! *What*: the number of white-space separated words of a text, the unit of every `max-words` and
//! `min-words` setting of the rules and of the feed audit's text kinds. *Not*: linguistic words
//! (see [`super::stem::words`] for Unicode word boundaries).

/// `text.split_whitespace().count()`, with a byte loop for ASCII text.
pub fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    // char::is_whitespace on ASCII: space, \t, \n, \x0b, \x0c, \r. A word starts at a byte that
    // is not white space and follows one (or the start).
    // Counted in blocks of 64 bytes as bit masks (one bit per byte: white space or not), so that
    // the loop has no branch per byte and vectorises.
    let ws = |b: u8| u64::from(b == b' ' || b.wrapping_sub(b'\t') < 5);
    let b = text.as_bytes();
    let mut n = 0usize;
    // Whether the byte before the block was white space (the start counts as white space).
    let mut prev_ws = 1u64;
    let mut chunks = b.chunks_exact(64);
    for chunk in &mut chunks {
        let mut mask = 0u64;
        for (i, &c) in chunk.iter().enumerate() {
            mask |= ws(c) << i;
        }
        // A word starts where a byte is not white space and the one before it is.
        let before = (mask << 1) | prev_ws;
        n += (before & !mask).count_ones() as usize;
        prev_ws = mask >> 63;
    }
    for &c in chunks.remainder() {
        let w = ws(c);
        n += usize::from(prev_ws == 1 && w == 0);
        prev_ws = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_does() {
        let mut texts = vec![
            String::new(),
            " ".into(),
            "a".into(),
            " a b\tc\n\nd \x0b e\x0c f\r".into(),
            "x\x1fy".into(),
            "é à\u{a0}b".into(),
        ];
        // Across the 64-byte blocks: words and runs of white space at every offset.
        for k in 0..140 {
            let t: String = (0..200)
                .map(|i| if (i * 7 + k) % 5 < 2 { ' ' } else { 'w' })
                .collect();
            texts.push(t[..(k + 60).min(200)].to_string());
        }
        for t in &texts {
            assert_eq!(count_words(t), t.split_whitespace().count(), "{t:?}");
        }
    }
}
