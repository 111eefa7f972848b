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
        url: None,
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
