//! Invariants of cleaning and segmentation, for any input (proptest):
//! no panic; spans ordered, in bounds and on char boundaries; cleaning twice changes nothing.

use corroborate::model::{Format, RawArticle, SourceMeta};
use corroborate::rules::Rules;
use corroborate::{clean, segment};
use proptest::prelude::*;

fn raw(text: String, meta: SourceMeta) -> RawArticle {
    RawArticle {
        id: "p".into(),
        path: "p.txt".into(),
        format: Format::Text,
        text,
        meta,
        removed: vec![],
    }
}

/// Lines shaped like real pages: prose, furniture, dates, names, headings, bullets, quotes, noise.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(
            "The minister said on Monday that the talks had ended without an agreement on tariffs."
                .to_string()
        ),
        Just("“We will not sign,” he said. “Not this year.".to_string()),
        Just(
            "Sen. Rand Paul (R., Ky.) spoke at 11 a.m. local time about the $450mn package."
                .to_string()
        ),
        Just("Skip to main content".to_string()),
        Just("Log In".to_string()),
        Just("© 2026 Example/Reuters. All rights reserved.".to_string()),
        Just("Read More".to_string()),
        Just("February 3, 2026".to_string()),
        Just("Tue Feb 03 09:13:00 UTC 2026: # A Headline About Ports".to_string()),
        Just("Jane Q Doe".to_string()),
        Just("By Ana Lima, Associated Press".to_string()),
        Just("Key Points:".to_string()),
        Just("  • A bullet point that says something.".to_string()),
        Just("# Section".to_string()),
        Just("Port strike ends after three weeks".to_string()),
        Just("Port strike ends after three weeks - Example Voice".to_string()),
        Just("".to_string()),
        "[a-zA-Z ,.:;!?\"“”'’—-]{0,80}",
        "\\PC{0,60}",
        any::<String>(),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(page_line(), 0..25).prop_map(|lines| lines.join("\n"))
}

static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(|| Rules::builtin().unwrap());

fn check(text: String) -> Result<(), TestCaseError> {
    let rules = &*RULES;
    let a = clean::clean(raw(text, SourceMeta::default()), rules);
    let body = a.body.clone();

    // Cleaning the cleaned body again, with the metadata found, changes nothing.
    let meta = SourceMeta {
        title: a.headline.clone(),
        publisher: a.publisher.as_ref().map(|p| p.value.clone()),
        author: a.byline.clone(),
        published: a.published.clone(),
        ..SourceMeta::default()
    };
    let again = clean::clean(raw(body.clone(), meta), rules);
    prop_assert_eq!(&again.body, &body);

    // Spans are ordered, in bounds, on char boundaries, and nested in their containers.
    let d = segment::segment(a);
    let mut last_end = 0;
    for s in &d.sentences {
        prop_assert!(s.span.start < s.span.end && s.span.end <= body.len());
        prop_assert!(s.span.start >= last_end, "sentences overlap");
        prop_assert!(body.is_char_boundary(s.span.start) && body.is_char_boundary(s.span.end));
        prop_assert_eq!(&body[s.span.start..s.span.end], s.text.as_str());
        let p = &d.paragraphs[s.paragraph];
        prop_assert!(p.span.start <= s.span.start && s.span.end <= p.span.end);
        let mut t_end = s.span.start;
        for t in &s.tokens {
            prop_assert!(t.span.start >= t_end && t.span.end <= s.span.end);
            t_end = t.span.end;
        }
        last_end = s.span.end;
    }
    let mut p_end = 0;
    for p in &d.paragraphs {
        prop_assert!(p.span.start >= p_end && p.span.end <= body.len());
        p_end = p.span.end;
    }
    Ok(())
}

proptest! {
    // 256 cases by default; `PROPTEST_CASES=20000 cargo test --release --test properties` digs deeper.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn page_shaped_input_keeps_the_invariants(text in page()) {
        check(text)?;
    }

    #[test]
    fn arbitrary_strings_keep_the_invariants(text in any::<String>()) {
        check(text)?;
    }
}

/// Nothing cleaning removes disappears without a trace: every non-blank line of the normalised
/// input is in the body or, whole or as the part a rule cut, in `removed`.
fn check_nothing_lost(text: String) -> Result<(), TestCaseError> {
    let a = clean::clean(raw(text.clone(), SourceMeta::default()), &RULES);
    for line in clean::normalise(&text)
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let line = line.trim();
        let kept = a.body.contains(line);
        // A rule may cut a part off a line (a dateline before a headline): take every removed
        // part out of the line; what is left, up to separators, must be in the body.
        let seps: &[char] = &[':', ' ', '-', '|', '—', '–', '·', '•'];
        let mut parts: Vec<&str> = a
            .removed
            .iter()
            .map(|r| r.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        parts.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut rest = line.to_string();
        for p in parts {
            if let Some(i) = rest.find(p) {
                rest.replace_range(i..i + p.len(), "\n");
            }
        }
        let traced = a.removed.iter().any(|r| r.text.contains(line))
            || rest
                .split('\n')
                .map(|piece| piece.trim_matches(seps))
                .all(|piece| piece.is_empty() || a.body.contains(piece));
        prop_assert!(
            kept || traced,
            "line {:?} is neither kept nor in removed",
            line
        );
    }
    Ok(())
}

/// Latin-1 prose: ASCII words with isolated accented letters (never a valid UTF-8 sequence).
fn latin1_prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[a-zA-Z]{1,8}",
            1 => "[a-z]{1,4}[\u{c0}-\u{ff}][a-z]{1,4}",
        ],
        1..60,
    )
    .prop_map(|words| words.join(" "))
}

fn latin1_bytes(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

static ENGINE: std::sync::LazyLock<corroborate::Engine> =
    std::sync::LazyLock::new(|| corroborate::Engine::builtin().unwrap());

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn cleaning_loses_no_line_of_page_shaped_input(text in page()) {
        check_nothing_lost(text)?;
    }

    #[test]
    fn cleaning_loses_no_line_of_arbitrary_input(text in any::<String>()) {
        check_nothing_lost(text)?;
    }

    /// UTF-8 text decodes to itself; Latin-1 prose decodes to the same text as its UTF-8 form.
    #[test]
    fn decoding_keeps_the_text(text in "\\PC{0,200}", latin in latin1_prose()) {
        let p = std::path::Path::new("t.txt");
        let plain = text.trim_start_matches('\u{feff}');
        if !plain.contains('\0') {
            prop_assert_eq!(corroborate::load::decode(p, plain.as_bytes().to_vec()).unwrap(), plain);
        }
        let decoded = corroborate::load::decode(p, latin1_bytes(&latin));
        prop_assert_eq!(decoded.unwrap(), latin);
    }

    /// Any bytes under any article extension: articles, or an error that names the input; never
    /// a panic; skipped records name their file.
    #[test]
    fn loading_any_bytes_names_the_file(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        ext in prop::sample::select(vec!["txt", "html", "json", "jsonl", "bin"]),
    ) {
        let name = format!("input.{ext}");
        match corroborate::load::load_bytes(&name, bytes, &corroborate::load::LoadOptions::default()) {
            Ok(l) => {
                prop_assert!(!l.articles.is_empty());
                for s in &l.skipped {
                    prop_assert!(s.path.starts_with(&name), "{:?}", s);
                }
            }
            Err(e) => prop_assert!(e.to_string().contains(&name), "{}", e),
        }
    }

    /// The whole comparison of a few page-shaped articles: no panic; the JSON report is valid
    /// JSON, the same bytes when built twice, and every sentence it lists is its article's body at
    /// its span (JSON round-trips the text exactly).
    #[test]
    fn reports_are_deterministic_json_with_true_spans(pages in prop::collection::vec(page(), 1..4)) {
        let build = || {
            let articles = pages
                .iter()
                .enumerate()
                .map(|(i, t)| RawArticle { id: format!("a{i}"), path: format!("a{i}.txt"), ..raw(t.clone(), SourceMeta::default()) })
                .collect();
            let loaded = corroborate::load::Loaded { articles, ..Default::default() };
            corroborate::compare(loaded, &ENGINE).map(|c| {
                let mut buf = Vec::new();
                corroborate::render::render(
                    &c.report,
                    corroborate::render::OutputFormat::Json,
                    corroborate::render::RenderOptions::default(),
                    &mut buf,
                )
                .unwrap();
                buf
            })
        };
        let (Ok(first), Ok(second)) = (build(), build()) else {
            // Every article empty after cleaning: an error for the run, never a panic.
            return Ok(());
        };
        prop_assert_eq!(&first, &second);
        let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
        for a in v["articles"].as_array().unwrap() {
            let body = a["body"].as_str().unwrap();
            for sec in a["sections"].as_array().unwrap() {
                for s in sec["sentences"].as_array().unwrap() {
                    let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
                    prop_assert_eq!(body.get(start..end), s["text"].as_str());
                }
            }
        }
    }
}
