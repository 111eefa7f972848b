//! Certainty shifts on the bundled seed story, end to end: the story is compared as `corroborate`
//! does by default, the hedging analysis runs on its documents and `analysis::certainty::analyse`
//! on its alignment. Checked: every shift names a fact of the alignment, cites only member
//! sentences of that fact, and contrasts at least two outlets; a `hedged_vs_asserted` shift has a
//! hedged and an asserted sentence, a `reporting_stance` shift at least two stances. The shifts are
//! printed (`cargo test --test certainty_seed -- --nocapture`) for a reader to judge.

mod common;

use std::collections::BTreeSet;

use corroborate::analysis::certainty::{analyse, ShiftKind};

#[test]
fn shifts_on_the_seed_story_are_well_formed() {
    let (engine, c, outlets) = common::seed_story();
    let h = corroborate::analysis::hedging::analyse(&c.docs, engine.cues);
    let shifts = analyse(&c.docs, &c.alignment, &h, &outlets);
    for s in &shifts {
        println!("{:?} fact {}:", s.kind, c.alignment.facts[s.fact].id);
        for (at, what) in &s.sentences {
            println!(
                "  [{}] {what}: {}",
                outlets[at.doc], c.docs[at.doc].sentences[at.sentence].text
            );
        }
        let fact = &c.alignment.facts[s.fact];
        assert!(s.sentences.iter().all(|(at, _)| fact.members.contains(at)));
        let distinct: BTreeSet<&str> = s
            .sentences
            .iter()
            .map(|(at, _)| outlets[at.doc].as_str())
            .collect();
        assert!(distinct.len() >= 2, "{s:?}");
        match s.kind {
            ShiftKind::HedgedVsAsserted => {
                assert!(s.sentences.iter().any(|(_, w)| w.starts_with("hedge: ")));
                assert!(s.sentences.iter().any(|(_, w)| w == "asserted"));
            }
            ShiftKind::ReportingStance => {
                let stances: BTreeSet<&str> = s
                    .sentences
                    .iter()
                    .flat_map(|(_, w)| w.split(", "))
                    .filter_map(|v| v.rsplit_once(" (").map(|(_, st)| st))
                    .collect();
                assert!(stances.len() >= 2, "{s:?}");
            }
        }
    }
    println!(
        "{} shifts in {} facts",
        shifts.len(),
        c.alignment.facts.len()
    );
}
