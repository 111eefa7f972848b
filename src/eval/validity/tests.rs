//! Unit tests of the generators (on a made-up article) and of the judging.

use super::edits::{attributions_removed, figure_changed, quote_altered};
use super::perturb::*;
use super::*;

/// A made-up local story: invented people, invented town.
const ARTICLE: &str = "EASTPORT — The city council voted on Monday to close the old harbour bridge for repairs, a decision that will divert 1,200 vehicles a day.\n\n\
Mayor Lena Varga said the bridge had become unsafe after the winter storms.\n\n\
\"We cannot wait for it to fail,\" Varga said at a news conference.\n\n\
According to the council, the repairs will cost 4.5 million euros and take eight months.\n\n\
Council leader Tomas Brandt told reporters on Monday that the closure would hurt local shops.\n\n\
The plan, which Brandt called costly, passed by 9 votes to 4.\n\n\
Residents have asked for a ferry service during the works, Varga said.";

fn sentences_of(text: &str) -> Vec<String> {
    // The article above has one sentence per paragraph.
    paragraphs(text)
}

fn ctx() -> Context {
    Context {
        sentences: sentences_of(ARTICLE),
        names: vec!["Varga".into(), "Brandt".into(), "Lena Varga".into()],
        story_names: vec![
            "Varga".into(),
            "Lena Varga".into(),
            "Tomas Brandt".into(),
            "Irene Holm".into(),
        ],
        speakers: vec!["Lena Varga".into(), "Irene Holm".into()],
        shared: vec![(
            "EASTPORT — The city council voted on Monday to close the old harbour bridge for repairs, a decision that will divert 1,200 vehicles a day.".into(),
            vec!["About 1,200 vehicles cross the bridge each day, the council said.".into()],
        )],
        quotes: vec![("We cannot wait for it to fail,".into(), Some("Lena Varga".into()))],
        donor: Some((
            Some("Orchard growers count frost losses".into()),
            vec![
                "Frost hit the valley's orchards overnight.".into(),
                "Growers said half the apple blossom was lost.".into(),
                "The cooperative will ask for state aid.".into(),
                "Prices at the market rose by a tenth.".into(),
                "Some farmers lit fires between the rows.".into(),
                "Others used fans to move the warm air.".into(),
                "The frost is expected to return on Friday.".into(),
            ],
        )),
        verbs: ["said", "says", "told", "added", "called", "asked", "wrote"]
            .map(String::from)
            .to_vec(),
    }
}

fn rng() -> SplitMix {
    SplitMix(7)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn an_unrelated_section_adds_donor_sentences_under_a_heading() {
    for seed in 0..8 {
        let p = unrelated_section(ARTICLE, &ctx(), &mut SplitMix(seed)).unwrap();
        let paras = paragraphs(&p.text);
        let heading = paras.iter().position(|q| q.starts_with("## ")).unwrap();
        assert!(heading > 0, "never before the lead");
        let donor = &ctx().donor.unwrap().1;
        let taken = donor.iter().filter(|s| p.text.contains(s.as_str())).count();
        assert!((4..=6).contains(&taken), "{taken} donor sentences");
        assert!(!p.text.contains(&donor[0]), "the donor's lead is not taken");
        // Every original paragraph is still there, in order.
        let kept: Vec<&String> = paras
            .iter()
            .filter(|q| paragraphs(ARTICLE).contains(q))
            .collect();
        assert_eq!(kept.len(), paragraphs(ARTICLE).len());
        assert!(p.variant == "end" || p.variant == "after_lead");
    }
    let mut none = ctx();
    none.donor = None;
    assert!(unrelated_section(ARTICLE, &none, &mut rng()).is_none());
}

#[test]
fn speculation_adds_one_paragraph_about_the_main_actors() {
    let p = speculation(ARTICLE, &ctx(), &mut rng()).unwrap();
    let added: Vec<String> = paragraphs(&p.text)
        .into_iter()
        .filter(|q| !paragraphs(ARTICLE).contains(q))
        .collect();
    assert_eq!(added, vec![p.changed.clone()]);
    let sentences = p.changed.matches(['.', '?']).count();
    assert!((3..=4).contains(&sentences), "{}", p.changed);
    assert!(p.changed.contains("Varga") || p.changed.contains("Brandt"));
    assert!(!p.changed.contains("{A}") && !p.changed.contains("{B}"));
    let mut nameless = ctx();
    nameless.names.clear();
    assert!(speculation(ARTICLE, &nameless, &mut rng()).is_none());
}

#[test]
fn attribution_frames_are_stripped_and_clauses_kept() {
    let p = attributions_removed(ARTICLE, &ctx(), &mut rng()).unwrap();
    let t = &p.text;
    assert!(!t.contains("Varga said"), "{t}");
    assert!(!t.contains("According to"), "{t}");
    assert!(!t.contains("told reporters"), "{t}");
    assert!(t.contains("The closure would hurt local shops."), "{t}");
    assert!(t.contains("\"We cannot wait for it to fail.\""), "{t}");
    assert!(t.contains("The repairs will cost 4.5 million euros"), "{t}");
    assert!(
        t.contains("Residents have asked for a ferry service during the works."),
        "{t}"
    );
    assert!(
        t.contains("The bridge had become unsafe after the winter storms."),
        "{t}"
    );
    // A relative clause is not a speaker.
    assert!(
        t.contains("The plan, which Brandt called costly, passed"),
        "{t}"
    );
    // Frame shapes one at a time: (sentence, expected without its frame; itself when it has none).
    let cases = [
        (
            "Mr. Holm said over the weekend that the ferry would run hourly.",
            "The ferry would run hourly.",
        ),
        (
            "\"It is a sad day,\" Rep. Ivo Dane Jr., D-Ore., said on the floor before the vote.",
            "\"It is a sad day.\"",
        ),
        (
            "The Harbour Gazette first reported Friday that the council had agreed.",
            "The council had agreed.",
        ),
        (
            "Ms. Holm wrote in a now-deleted post Friday that the ferry was late.",
            "The ferry was late.",
        ),
        (
            "\"Are we ready?\" asked the harbour master.",
            "\"Are we ready?\"",
        ),
        ("The vote puts the council at odds with the mayor.", ""),
        ("Varga continued, calling out the council leader.", ""),
        ("Brandt said on Monday the bridge would close.", ""),
        ("This prompted calls to shut the road that were backed by shops.", ""),
        (
            "He called it a \"dangerous plan,\" words that were criticised by Ms. Holm who called for calm.",
            "",
        ),
        ("Thousands \"liked\" photos of the bridge that Ms. Holm posted on Monday.", ""),
    ];
    for (sentence, expected) in cases {
        let mut c = ctx();
        c.verbs
            .extend(["puts", "continued", "reported", "calls", "posted"].map(String::from));
        c.sentences = vec![sentence.to_string()];
        let got = attributions_removed(sentence, &c, &mut rng()).map(|p| p.text);
        let want = (!expected.is_empty()).then(|| expected.to_string());
        assert_eq!(got, want, "{sentence}");
    }
    let plain = "The bridge closes in May.\n\nShops expect fewer customers.";
    let mut c = ctx();
    c.sentences = sentences_of(plain);
    assert!(attributions_removed(plain, &c, &mut rng()).is_none());
}

#[test]
fn a_shared_figure_is_changed_in_its_format() {
    let p = figure_changed(ARTICLE, &ctx(), &mut rng()).unwrap();
    assert!(p.text.contains("divert 2,403 vehicles"), "{}", p.text);
    assert!(!p.text.contains("1,200"));
    assert_eq!(p.variant, "number_tier0");
    // Only the shared sentence changed.
    let changed: Vec<(String, String)> = paragraphs(ARTICLE)
        .into_iter()
        .zip(paragraphs(&p.text))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1);
    // A decimal keeps its decimals; a year moves by one; a weekday when there is no number.
    let mut c = ctx();
    c.shared = vec![("It will cost 4.5 million euros in 2026.".into(), vec![])];
    let t = "It will cost 4.5 million euros in 2026.";
    let p = figure_changed(t, &c, &mut SplitMix(1)).unwrap();
    assert!(
        p.text == "It will cost 12.0 million euros in 2026."
            || p.text == "It will cost 4.5 million euros in 2025.",
        "{}",
        p.text
    );
    c.shared = vec![("The letter is dated Sept. 14 and was sent.".into(), vec![])];
    let p = figure_changed("The letter is dated Sept. 14 and was sent.", &c, &mut rng()).unwrap();
    assert_eq!(p.text, "The letter is dated Sept. 16 and was sent.");
    assert_eq!(p.variant, "date_tier2");
    c.shared = vec![("The works start on Monday.".into(), vec![])];
    let p = figure_changed("The works start on Monday.", &c, &mut rng()).unwrap();
    assert_eq!(p.text, "The works start on Wednesday.");
    c.shared.clear();
    assert!(figure_changed(ARTICLE, &c, &mut rng()).is_none());
}

#[test]
fn a_shared_quotation_is_reworded_or_given_to_someone_else() {
    let mut variants = std::collections::BTreeSet::new();
    for seed in 0..16 {
        let p = quote_altered(ARTICLE, &ctx(), &mut SplitMix(seed)).unwrap();
        variants.insert(p.variant.clone());
        match p.variant.as_str() {
            "words" => {
                assert!(!p.text.contains("We cannot wait for it to fail"));
                let old = paragraphs(ARTICLE)[2].clone();
                let new = paragraphs(&p.text)[2].clone();
                let diff = old
                    .split_whitespace()
                    .zip(new.split_whitespace())
                    .filter(|(a, b)| a != b)
                    .count();
                assert!((2..=3).contains(&diff), "{old} / {new}");
            }
            "speaker" => {
                assert!(p.text.contains("\"We cannot wait for it to fail,\""));
                let para = paragraphs(&p.text)[2].clone();
                assert!(!para.contains("Varga"), "{para}");
                assert!(para.contains("Irene Holm"), "{para}");
            }
            other => panic!("unknown variant {other}"),
        }
    }
    assert_eq!(variants.len(), 2, "{variants:?}");
    // A speaker phrase that is not a name is never replaced: the words are.
    let mut c = ctx();
    c.quotes[0].1 = Some("Varga said of the storms".into());
    for seed in 0..8 {
        let p = quote_altered(ARTICLE, &c, &mut SplitMix(seed)).unwrap();
        assert_eq!(p.variant, "words");
    }
    let mut c = ctx();
    c.quotes.clear();
    assert!(quote_altered(ARTICLE, &c, &mut rng()).is_none());
}

#[test]
fn loaded_words_are_inserted_outside_quotations() {
    for seed in 0..8 {
        let p = loaded_words(ARTICLE, &ctx(), &mut SplitMix(seed)).unwrap();
        let added: Vec<&str> = p.changed.split(", ").collect();
        assert!((4..=6).contains(&added.len()), "{added:?}");
        assert!(p.text.contains("\"We cannot wait for it to fail,\""));
        // Taking the words out again gives the article back (up to a/an).
        let mut back = p.text.clone();
        for w in &added {
            back = back.replacen(&format!("{w} "), "", 1);
        }
        assert_eq!(back.replace(" an ", " a "), ARTICLE.replace(" an ", " a "));
    }
}

#[test]
fn cut_to_lead_keeps_the_first_paragraph_only() {
    let p = cut_to_lead(ARTICLE, &ctx(), &mut rng()).unwrap();
    assert_eq!(p.text, paragraphs(ARTICLE)[0]);
    // A headline line before the lead is kept with it.
    let t = format!("Harbour bridge to close\n\n{ARTICLE}");
    let p = cut_to_lead(&t, &ctx(), &mut rng()).unwrap();
    assert_eq!(paragraphs(&p.text).len(), 2);
    assert!(cut_to_lead(
        "One paragraph only, nothing after it at all.",
        &ctx(),
        &mut rng()
    )
    .is_none());
}

#[test]
fn reordering_keeps_the_lead_and_the_paragraphs() {
    let p = reorder_paragraphs(ARTICLE, &ctx(), &mut rng()).unwrap();
    let (a, b) = (paragraphs(ARTICLE), paragraphs(&p.text));
    assert_eq!(a[0], b[0]);
    assert_ne!(a, b);
    assert_eq!(sorted(a), sorted(b));
}

#[test]
fn boilerplate_adds_lines_around_the_untouched_text() {
    for seed in 0..6 {
        let p = boilerplate(ARTICLE, &ctx(), &mut SplitMix(seed)).unwrap();
        assert!(p.text.contains(ARTICLE));
        let extra = paragraphs(&p.text).len() - paragraphs(ARTICLE).len();
        assert!((2..=3).contains(&extra));
    }
}

#[test]
fn renaming_changes_the_id_only_and_typography_only_the_marks_and_spaces() {
    let p = renamed(ARTICLE, &ctx(), &mut rng()).unwrap();
    assert_eq!(p.text, ARTICLE);
    assert!(p.id.is_some_and(|id| id.starts_with("renamed-")));
    let p = typography(ARTICLE, &ctx(), &mut rng()).unwrap();
    assert!(
        p.text.contains("“We cannot wait for it to fail,”"),
        "{}",
        p.text
    );
    assert!(p.text.contains("EASTPORT -- The"));
    let norm = |s: &str| {
        s.replace(['“', '”'], "\"")
            .replace("--", "—")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(norm(&p.text), norm(ARTICLE));
    assert_ne!(p.text, ARTICLE);
}

fn score(points: f64, parts: &[(&str, &str, Option<f64>)]) -> Score {
    Score {
        points,
        band: String::new(),
        interval: [points, points],
        thin_evidence: Vec::new(),
        not_measured: Vec::new(),
        parts: parts
            .iter()
            .map(|&(criterion, metric, p)| Part {
                criterion: criterion.into(),
                metric: metric.into(),
                value: p,
                units: 5,
                points: p,
                weight: 0.5,
                effective_weight: 0.5,
                contribution: p.unwrap_or(0.0) / 2.0,
                findings: Vec::new(),
            })
            .collect(),
    }
}

#[test]
fn judging_needs_the_score_and_a_listed_criterion_to_fall() {
    let lower = Expect::Lower(&["m.a"]);
    let before = score(80.0, &[("a", "m.a", Some(80.0)), ("b", "m.b", Some(80.0))]);
    let fell = score(70.0, &[("a", "m.a", Some(60.0)), ("b", "m.b", Some(80.0))]);
    assert_eq!(judge(lower, &before, Some(&fell)), (true, vec!["a".into()]));
    // The score fell, but through another criterion.
    let other = score(70.0, &[("a", "m.a", Some(80.0)), ("b", "m.b", Some(60.0))]);
    assert!(!judge(lower, &before, Some(&other)).0);
    // A criterion no longer measured, having had points, lost them.
    let gone = score(70.0, &[("a", "m.a", None), ("b", "m.b", Some(70.0))]);
    assert_eq!(judge(lower, &before, Some(&gone)).1, vec!["a", "b"]);
    assert!(judge(lower, &before, Some(&gone)).0);
    // Less than a point is not a fall; no score after is not behaving.
    let little = score(79.5, &[("a", "m.a", Some(79.0)), ("b", "m.b", Some(80.0))]);
    assert!(!judge(lower, &before, Some(&little)).0);
    assert!(!judge(lower, &before, None).0);
    // Neutral: within three points, and the parts that moved are named.
    let near = score(82.0, &[("a", "m.a", Some(84.0)), ("b", "m.b", Some(80.0))]);
    assert_eq!(
        judge(Expect::Same, &before, Some(&near)),
        (true, vec!["a".into()])
    );
    let far = score(84.0, &[("a", "m.a", Some(88.0)), ("b", "m.b", Some(80.0))]);
    assert!(!judge(Expect::Same, &before, Some(&far)).0);
}

#[test]
fn the_verbs_are_the_inflected_ones_and_the_families_are_named_once() {
    let engine = Engine::builtin().unwrap();
    let v = inflected_verbs(&engine);
    for w in ["said", "says", "told", "added", "according"] {
        assert_eq!(v.contains(&w.to_string()), w != "according", "{w}");
    }
    for w in ["say", "saying", "tell", "reply"] {
        assert!(!v.contains(&w.to_string()), "{w}");
    }
    assert!(v.contains(&"replies".to_string()));
    let mut names: Vec<&str> = FAMILIES.iter().map(|f| f.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 11);
    assert_eq!(
        FAMILIES
            .iter()
            .filter(|f| matches!(f.expect, Expect::Lower(_)))
            .count(),
        7
    );
}

#[test]
fn a_directory_of_story_folders_is_judged() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("harbour-bridge");
    std::fs::create_dir(&story).unwrap();
    let second = "The harbour bridge in Eastport will close for eight months from next week, the city council decided on Monday.\n\n\
Mayor Lena Varga said the bridge was unsafe after the storms, and that about 1,200 vehicles a day would be diverted.\n\n\
\"We cannot wait for it to fail,\" Varga said.\n\n\
Council leader Tomas Brandt said the closure would hurt local shops.";
    std::fs::write(story.join("a.txt"), format!("Bridge to close\n\n{ARTICLE}")).unwrap();
    std::fs::write(
        story.join("b.txt"),
        format!("Harbour bridge shut\n\n{second}"),
    )
    .unwrap();
    let r = run(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(r.task, "validity");
    for f in FAMILIES {
        let n = r.metrics[&format!("{}_n", f.name)] + r.metrics[&format!("{}_skipped", f.name)];
        assert_eq!(n, 1.0, "{}: one case a story", f.name);
        assert!((0.0..=1.0).contains(&r.metrics[&format!("{}_share", f.name)]));
        assert!(r.details.contains_key(&format!("{}_moved", f.name)));
    }
    assert!(
        run(&[dir.path().join("harbour-bridge")]).is_err(),
        "no story folders"
    );
}
