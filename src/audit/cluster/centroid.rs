//! Centroids as term-sorted vectors: adding an item's vector, merging two sorted lists, keeping
//! the heaviest terms.
//!
//! It does not know stories or thresholds.

/// Add the vector `v` (sorted by term) into the centroid `c`, and `norm2` with it term by term in
/// `v`'s order (as a map entry per term would). `fresh` is a reused buffer.
pub(super) fn add_to_centroid(
    c: &mut Box<[(u32, f32)]>,
    norm2: &mut f32,
    v: &[(u32, f32)],
    fresh: &mut Vec<(u32, f32)>,
) {
    fresh.clear();
    for &(t, w) in v {
        match c.binary_search_by_key(&t, |x| x.0) {
            Ok(i) => {
                let e = &mut c[i].1;
                *norm2 += 2.0 * *e * w + w * w;
                *e += w;
            }
            Err(_) => {
                let e = 0.0f32;
                *norm2 += 2.0 * e * w + w * w;
                fresh.push((t, w));
            }
        }
    }
    if !fresh.is_empty() {
        *c = merge_sorted(c, fresh);
    }
}

/// Two term-sorted lists with distinct terms, merged (exact length).
fn merge_sorted(a: &[(u32, f32)], b: &[(u32, f32)]) -> Box<[(u32, f32)]> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].0 < b[j].0 {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out.into_boxed_slice()
}

/// Keep the `n` heaviest terms of a centroid (ties: the smaller term); returns the sum of their
/// squared weights, added heaviest first.
pub(super) fn trim_centroid(c: &mut Box<[(u32, f32)]>, n: usize) -> f32 {
    let mut all = std::mem::take(c).into_vec();
    all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(n);
    let norm2 = all.iter().map(|x| x.1 * x.1).sum();
    all.sort_unstable_by_key(|x| x.0);
    *c = all.into_boxed_slice();
    norm2
}
