//! End-to-end tests of the framing analysis: synthetic stories run through the whole pipeline
//! (an [`crate::Engine`], the alignment, every analysis), checked part by part.

use super::*;
use crate::model::{Article, Format, Found};

/// A story of synthetic articles: (outlet, headline, body with paragraphs split by blank lines).
fn story(articles: &[(&str, &str, &str)]) -> (Vec<Document>, Framing) {
    let with: Vec<(&str, &str, Option<&str>, &str)> = articles
        .iter()
        .map(|&(outlet, headline, body)| (outlet, headline, None, body))
        .collect();
    story_with_standfirsts(&with)
}

/// [`story`] with a standfirst per article: (outlet, headline, standfirst, body).
fn story_with_standfirsts(
    articles: &[(&str, &str, Option<&str>, &str)],
) -> (Vec<Document>, Framing) {
    let engine = crate::Engine::builtin().unwrap();
    let docs: Vec<Document> = articles
        .iter()
        .enumerate()
        .map(|(i, (outlet, headline, standfirst, body))| {
            let mut a = Article::bare(&format!("a{i}"), Format::Text);
            a.body = body.to_string();
            a.headline = Some(headline.to_string());
            a.standfirst = standfirst.map(String::from);
            a.publisher = Some(Found {
                value: outlet.to_string(),
                from: "test".into(),
            });
            crate::segment::segment(a)
        })
        .collect();
    let alignment = crate::align::align(&docs, &engine.model, &engine.align);
    let outlet_of: Vec<String> = docs.iter().map(crate::report::outlet_name).collect();
    let analyses = crate::analysis::run(&docs, &alignment, &outlet_of, engine.analysis());
    (docs, analyses.framing)
}

const A: &str = "Senator Ana Rivera met the reformist mayor Tomas Okafor in Lisbon on Monday.\n\n\
    Rivera, a former trade unionist who entered politics late, praised the plan. The talks were \
    friendly and productive, officials said.\n\n\
    Okafor called Rivera a \"brilliant partner\" after the meeting.\n\n\
    Maria Lopez, an analyst at the Lisbon Institute, said: \"Both need a deal before the vote in \
    spring.\"\n\n\
    Luis Rivera, her cousin, runs a bakery in Porto.";
const B: &str = "Embattled senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
    Rivera faced a humiliating defeat in parliament last week, and her reckless budget failed.\n\n\
    \"We will keep working,\" Rivera said.\n\n\
    Okafor is a veteran negotiator and a patient man.";

#[test]
fn actors_merge_surnames_with_full_names_and_leave_places_out() {
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Second Post", "Rivera and Okafor meet", B),
    ]);
    let names: Vec<&str> = f.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(
        names.contains(&"Ana Rivera") && names.contains(&"Tomas Okafor"),
        "{names:?}"
    );
    assert!(!names.contains(&"Lisbon"), "{names:?}");
    let rivera = f.actors.iter().find(|a| a.name == "Ana Rivera").unwrap();
    assert!(rivera.forms.contains(&"Rivera".to_string()), "{rivera:?}");
    // Another person with the same surname is not merged into her.
    assert!(
        !rivera.forms.contains(&"Luis Rivera".to_string()),
        "{rivera:?}"
    );
    assert_eq!(rivera.outlets, 2);
}

#[test]
fn labels_in_the_authors_voice_only_and_unique_ones_marked() {
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Second Post", "Rivera and Okafor meet", B),
    ]);
    let labels = |o: usize, actor: &str| -> Vec<(String, String, bool)> {
        let ai = f.actors.iter().position(|a| a.name == actor).unwrap();
        f.outlets[o].actors[ai]
            .labels
            .iter()
            .map(|l| (l.text.clone(), l.kind.clone(), l.only_this_outlet))
            .collect()
    };
    let one = labels(0, "Ana Rivera");
    assert!(
        one.contains(&("a former trade unionist".into(), "appositive".into(), true)),
        "{one:?}"
    );
    assert!(
        one.iter().any(|l| l.0 == "Senator" && l.1 == "title"),
        "{one:?}"
    );
    // The quoted "brilliant partner" is Okafor's words, not the outlet's label.
    assert!(!one.iter().any(|l| l.0.contains("brilliant")), "{one:?}");
    let two = labels(1, "Ana Rivera");
    assert!(
        two.iter()
            .any(|l| l.0 == "Embattled senator" || l.0 == "senator"),
        "{two:?}"
    );
    let okafor = labels(1, "Tomas Okafor");
    assert!(
        okafor.contains(&("a veteran negotiator".into(), "predicate".into(), true)),
        "{okafor:?}"
    );
    let okafor_one = labels(0, "Tomas Okafor");
    assert!(
        okafor_one
            .iter()
            .any(|l| l.0 == "reformist mayor" && l.1 == "premodifier"),
        "{okafor_one:?}"
    );
}

#[test]
fn role_noun_descriptions_are_labels_of_the_actor_they_refer_to() {
    let c = "Peruvian Senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
        Rivera later praised the veteran negotiator for his patience.\n\n\
        Rivera met Okafor again on Tuesday.\n\n\
        The Peruvian lawmaker smiled.\n\n\
        She imposed new rules on Okafor, and accused the reformist mayor of delay.\n\n\
        The talks could calm the two cities' quarrelsome leaders after a year of insults.\n\n\
        Both sides hope the two leaders agree.\n\n\
        Okafor is a patient man and a frequent critic of the budget.\n\n\
        He backed the populist firebrand running against a combative hardliner faction.";
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Third Desk", "Rivera meets Okafor", c),
    ]);
    let labels = |actor: &str| -> Vec<(String, String)> {
        let ai = f.actors.iter().position(|a| a.name == actor).unwrap();
        f.outlets[1].actors[ai]
            .labels
            .iter()
            .map(|l| (l.text.clone(), l.kind.clone()))
            .collect()
    };
    let okafor = labels("Tomas Okafor");
    let rivera = labels("Ana Rivera");
    let role = |v: &[(String, String)], t: &str| v.contains(&(t.to_string(), "role".to_string()));
    // The subject of the sentence is passed over: the negotiator is Okafor, not Rivera.
    assert!(role(&okafor, "veteran negotiator"), "{okafor:?}");
    assert!(!role(&rivera, "veteran negotiator"), "{rivera:?}");
    assert!(role(&okafor, "reformist mayor"), "{okafor:?}");
    // A plural role noun covers the two actors mentioned last.
    assert!(
        role(&okafor, "quarrelsome leaders") && role(&rivera, "quarrelsome leaders"),
        "{okafor:?} {rivera:?}"
    );
    // A nationality adjective picks the actor titled with it, not the one mentioned last.
    assert!(role(&rivera, "Peruvian lawmaker"), "{rivera:?}");
    assert!(!role(&okafor, "Peruvian lawmaker"), "{okafor:?}");
    // "the two leaders" counts, it does not describe.
    assert!(!okafor.iter().any(|l| l.0.contains("two")), "{okafor:?}");
    // The head noun, not a role noun modifying it; the head must end the phrase.
    assert!(!okafor.iter().any(|l| l.0 == "populist"), "{okafor:?}");
    assert!(
        !okafor
            .iter()
            .chain(&rivera)
            .any(|l| l.0.contains("hardliner")),
        "{okafor:?}"
    );
    // After "X is …", a second description is X's too.
    assert!(role(&okafor, "frequent critic"), "{okafor:?}");
    assert!(!role(&rivera, "frequent critic"), "{rivera:?}");
}

#[test]
fn a_label_after_a_country_noun_is_no_persons_and_plural_labels_look_further_back() {
    let c = "Senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
        Okafor cut the aid, despite the country remaining a major regional ally.\n\n\
        The talks lasted two hours.\n\n\
        Aides waited outside in the rain.\n\n\
        The meeting ended at noon.\n\n\
        Both men, bombastic leaders, smiled for the cameras.\n\n\
        Later the two countries' quarrelsome leaders walked out.\n\n\
        Rain fell.\n\n\
        Wind rose.\n\n\
        Dusk came.\n\n\
        Even the exact figures are disputed.";
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Third Desk", "Rivera meets Okafor", c),
    ]);
    let labels = |actor: &str| -> Vec<String> {
        let ai = f.actors.iter().position(|a| a.name == actor).unwrap();
        f.outlets[1].actors[ai]
            .labels
            .iter()
            .map(|l| l.text.clone())
            .collect()
    };
    let (rivera, okafor) = (labels("Ana Rivera"), labels("Tomas Okafor"));
    // The ally is the country, not Rivera (the actor mentioned last before the subject).
    assert!(
        !rivera.iter().chain(&okafor).any(|l| l.contains("ally")),
        "{rivera:?} {okafor:?}"
    );
    // Five sentences after the names, "both men, bombastic leaders" is still about the two.
    for v in [&rivera, &okafor] {
        assert!(v.contains(&"bombastic leaders".to_string()), "{v:?}");
        // A country noun as a possessor does not stop a label of persons.
        assert!(v.contains(&"quarrelsome leaders".to_string()), "{v:?}");
        // Past the look-back, a plural not counted as two describes no actor.
        assert!(!v.iter().any(|l| l.contains("figures")), "{v:?}");
    }
}

#[test]
fn tone_counts_the_outlets_own_sentences_with_an_interval() {
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Second Post", "Rivera and Okafor meet", B),
    ]);
    let ai = f
        .actors
        .iter()
        .position(|a| a.name == "Ana Rivera")
        .unwrap();
    let one = &f.outlets[0].actors[ai].tone;
    let two = &f.outlets[1].actors[ai].tone;
    // Outlet two writes of her defeat and reckless budget in its own voice.
    assert!(two.mean.unwrap() < 0.0, "{two:?}");
    assert!(one.mean.unwrap() > two.mean.unwrap(), "{one:?} {two:?}");
    // "Rivera said" is her voice: not counted for the outlet.
    assert!(
        two.moving.iter().all(|m| !m.text.contains("keep working")),
        "{two:?}"
    );
    let [lo, hi] = two.interval.unwrap();
    assert!(lo <= two.mean.unwrap() && two.mean.unwrap() <= hi);
    assert!(
        two.moving[0]
            .terms
            .iter()
            .any(|t| t == "reckless" || t == "humiliating"),
        "{two:?}"
    );
}

#[test]
fn an_outlets_tone_toward_an_actor_leaves_out_words_about_another() {
    let c = "Senator Ana Rivera met Tomas Okafor on Monday.\n\n\
        Rivera met Okafor, who has been harshly critical of Rivera.\n\n\
        Okafor is a veteran negotiator.";
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Third Desk", "Rivera meets Okafor", c),
    ]);
    let idx = |n: &str| f.actors.iter().position(|a| a.name == n).unwrap();
    let rivera = &f.outlets[1].actors[idx("Ana Rivera")].tone;
    let okafor = &f.outlets[1].actors[idx("Tomas Okafor")].tone;
    assert!(okafor.mean.unwrap() < 0.0, "{okafor:?}");
    assert!(
        rivera.moving.is_empty() && rivera.mean == Some(0.0),
        "{rivera:?}"
    );
}

#[test]
fn voices_are_grouped_by_role_with_word_shares() {
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Second Post", "Rivera and Okafor meet", B),
    ]);
    let v = &f.outlets[0].voices;
    let group = |name: &str| {
        v.iter()
            .find(|x| x.speaker == name)
            .map(|x| x.group.clone())
    };
    assert_eq!(group("Maria Lopez").as_deref(), Some("analyst"), "{v:?}");
    assert_eq!(
        group("Tomas Okafor").as_deref(),
        Some("Tomas Okafor"),
        "{v:?}"
    );
    // "…, officials said": unnamed, and speaking for a government by its own phrase.
    let officials = v.iter().find(|x| x.speaker.contains("officials"));
    assert!(
        officials.is_some_and(|x| x.anonymous && x.group == "government"),
        "{v:?}"
    );
    assert!(v.iter().filter(|x| x.anonymous).all(|x| x.group != "other"));
    let g = &f.outlets[0].voice_groups;
    assert!(
        g.iter()
            .any(|x| x.group == "government" && x.anonymous == 1),
        "{g:?}"
    );
    let total: f64 = f.outlets[0].voice_groups.iter().map(|g| g.share).sum();
    assert!((total - 1.0).abs() < 0.01, "{total}");
}

#[test]
fn an_unnamed_source_without_a_role_cue_stays_anonymous() {
    let c = "Senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
        The deal is close, people familiar with the talks said.\n\n\
        A senior administration official said the vote would wait.\n\n\
        Rivera thanked Okafor.";
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        ("Third Desk", "Rivera meets Okafor", c),
    ]);
    let v = &f.outlets[1].voices;
    let of = |needle: &str| v.iter().find(|x| x.speaker.contains(needle));
    assert!(
        of("people").is_some_and(|x| x.anonymous && x.group == "anonymous"),
        "{v:?}"
    );
    assert!(
        of("official").is_some_and(|x| x.anonymous && x.group == "government"),
        "{v:?}"
    );
}

/// The headline claims its own body does not state.
fn claims_not_in_body(h: &HeadlineCheck) -> Vec<&str> {
    h.claims
        .iter()
        .filter(|c| !c.in_body)
        .map(|c| c.text.as_str())
        .collect()
}

#[test]
fn a_headline_its_body_does_not_state_is_a_finding() {
    let (_, f) = story(&[
        ("Daily One", "Rivera meets Okafor", A),
        (
            "Second Post",
            "Rivera quits after 40 senators revolt in Madrid",
            B,
        ),
    ]);
    let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
    assert!(!two.supported, "{two:?}");
    let missing = claims_not_in_body(two);
    assert!(missing.contains(&"Madrid"), "{missing:?}");
    assert!(missing.iter().any(|m| m.contains("40")), "{missing:?}");
    assert!(
        f.headlines
            .iter()
            .find(|h| h.article == "a0")
            .unwrap()
            .supported
    );
    let found: Vec<&Finding> = f
        .findings
        .iter()
        .filter(|x| x.kind == "headline_unsupported")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].doc, 1);
}

#[test]
fn a_standfirst_stating_a_figure_its_body_lacks_is_a_finding_that_names_the_standfirst() {
    let (_, f) = story_with_standfirsts(&[
        ("Daily One", "Rivera meets Okafor", None, A),
        (
            "Second Post",
            "Rivera faces defeat in parliament",
            Some("Rivera met Okafor in Lisbon as 40 senators threatened to revolt."),
            B,
        ),
    ]);
    let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
    assert_eq!(
        two.standfirst.as_deref(),
        Some("Rivera met Okafor in Lisbon as 40 senators threatened to revolt.")
    );
    // The headline holds; the standfirst's figure does not.
    assert!(two.supported, "{two:?}");
    assert_eq!(two.standfirst_supported, Some(false), "{two:?}");
    let figure = two
        .claims
        .iter()
        .find(|c| c.kind == "figure")
        .expect("the figure is a claim");
    assert_eq!(figure.from, "standfirst");
    assert!(
        !figure.in_body && figure.other_outlets.is_empty(),
        "{figure:?}"
    );
    assert!(two
        .claims
        .iter()
        .filter(|c| c.text == "Rivera")
        .any(|c| c.from == "headline" && c.in_body));
    let found: Vec<&Finding> = f
        .findings
        .iter()
        .filter(|x| x.kind == "headline_unsupported")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].doc, 1);
    assert!(
        found[0].text.starts_with("Standfirst \"Rivera met Okafor"),
        "{}",
        found[0].text
    );
    assert!(found[0].text.contains("figure \"40"), "{}", found[0].text);
    assert!(!found[0].evidence.is_empty());
    // No standfirst: nothing checked, nothing reported for it.
    let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
    assert_eq!(one.standfirst_supported, None);
    assert!(one.claims.iter().all(|c| c.from == "headline"));
}

#[test]
fn a_capitalised_first_word_the_body_writes_in_lower_case_is_no_name() {
    let body = "The dock workers of Lisbon returned to work on Monday.\n\n\
        Ships had waited offshore for three weeks, the port said.";
    let (_, f) = story_with_standfirsts(&[
        (
            "Daily One",
            "Dock strike ends in Lisbon",
            Some("Workers return. Dock crews say ships waited for three weeks."),
            body,
        ),
        ("Second Post", "Madrid workers return", None, body),
    ]);
    let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
    let names: Vec<&str> = one
        .claims
        .iter()
        .filter(|c| c.kind == "name")
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(names, ["Lisbon"], "{one:?}");
    // A first word the body never writes is still a name, and not stated.
    let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
    assert_eq!(claims_not_in_body(two), ["Madrid"], "{two:?}");
}

#[test]
fn a_standfirst_its_body_states_gives_no_finding() {
    let (_, f) = story_with_standfirsts(&[
        (
            "Daily One",
            "Rivera meets Okafor",
            Some("Senator Ana Rivera met the mayor Tomas Okafor in Lisbon on Monday and praised the plan."),
            A,
        ),
        ("Second Post", "Rivera faces defeat in parliament", None, B),
    ]);
    let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
    assert_eq!(one.standfirst_supported, Some(true), "{one:?}");
    assert!(one.claims.iter().any(|c| c.from == "standfirst"), "{one:?}");
    assert!(one.standfirst_stem_support.is_some_and(|s| s >= 0.5));
    assert!(one.standfirst_closest_sentence.is_some());
    assert!(
        f.findings.iter().all(|x| x.kind != "headline_unsupported"),
        "{:?}",
        f.findings
    );
}

#[test]
fn a_title_case_headline_is_read_by_its_words_not_as_names() {
    let body = "Senator Ana Rivera met Tomas Okafor at the Harbour Palace on Monday, despite \
        tensions between the two over the budget.\n\n\
        The meeting was the first since the budget vote in the Harbour Palace failed.";
    let (_, f) = story(&[
        (
            "Daily One",
            "Rivera And Okafor: A Tense Harbour Palace Summit Amidst Budget Discord",
            body,
        ),
        (
            "Second Post",
            "RIVERA QUITS AFTER 40 SENATORS REVOLT IN MADRID",
            body,
        ),
    ]);
    let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
    let claims: Vec<(&str, &str)> = one
        .claims
        .iter()
        .map(|c| (c.kind.as_str(), c.text.as_str()))
        .collect();
    // Capitals carry nothing in title case: only what the body writes as a name is a name.
    assert!(claims.contains(&("name", "Harbour Palace")), "{claims:?}");
    assert!(
        !claims
            .iter()
            .any(|c| c.0 == "name" && (c.1.contains("Tense") || c.1.contains("Summit"))),
        "{claims:?}"
    );
    // "Tense" / "tensions", "Summit" / "meeting", "Budget" / "budget": the body supports it.
    assert!(one.supported, "{one:?}");
    // In capitals, a place and a figure the body never states are still unsupported.
    let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
    assert!(!two.supported, "{two:?}");
    let missing = claims_not_in_body(two);
    assert!(missing.iter().any(|m| m.contains("40")), "{missing:?}");
    assert!(
        missing.iter().any(|m| m.to_lowercase().contains("madrid")),
        "{missing:?}"
    );
}

#[test]
fn a_consensus_fact_buried_by_one_outlet_is_a_placement_finding() {
    let fact = "The central bank raised its main interest rate to 7.5 percent on Thursday.";
    let filler = |tag: &str, n: usize| -> String {
        (0..n)
            .map(|i| format!("Paragraph {i} of the {tag} report describes weather number {i} in the {tag} valley."))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let lead = |tag: &str| format!("{fact}\n\n{}", filler(tag, 6));
    let buried = format!("{}\n\n{fact}", filler("eastern", 9));
    let (_, f) = story(&[
        ("North", "Bank raises rate", &lead("northern")),
        ("South", "Bank raises rate", &lead("southern")),
        ("East", "Weather news", &buried),
    ]);
    let p: Vec<&Finding> = f
        .findings
        .iter()
        .filter(|x| x.kind == "placement")
        .collect();
    assert!(
        p.iter()
            .any(|x| x.doc == 2 && x.text.contains("last third")),
        "{p:?} {:?}",
        f.placement
    );
    assert!(!f.placement.is_empty());
}
