//! The seed story read by a careful person (a minimum-functionality test of the score): the
//! unsigned summary whose "Critical Analysis" wanders to subjects the story does not contain and
//! whose takeaways speculate without a source scores below every outlet that reports the meeting
//! with named sources, and the off-topic section is named among its score's findings.
//! Nothing here is in the library: it reads the report as any user would.

use assert_cmd::Command;
use serde_json::Value;

fn seed_report() -> Value {
    let out = Command::cargo_bin("corroborate")
        .unwrap()
        .args(["compare", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_wandering_summary_scores_below_every_reporting_outlet() {
    let r = seed_report();
    // The article a reader picks out: the one with the "Critical Analysis" section.
    let summary = r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["sections"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["title"].as_str() == Some("Critical Analysis"))
        })
        .expect("the seed summary has a Critical Analysis section")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let outlets = r["outlets"].as_array().unwrap();
    let score_of = |o: &Value| {
        o["score"]["points"]
            .as_f64()
            .expect("every seed outlet is scored")
    };
    let summary_row = outlets.iter().find(|o| o["article"] == summary).unwrap();
    for o in outlets.iter().filter(|o| o["article"] != summary) {
        let named = o["attribution"]["named"].as_u64().unwrap_or(0);
        assert!(named > 0, "{} names its sources", o["outlet"]);
        assert!(
            score_of(o) > score_of(summary_row),
            "{} ({}) should score above the summary ({})",
            o["outlet"],
            score_of(o),
            score_of(summary_row)
        );
    }
    // Its off-topic section is named in its score's findings.
    let findings = r["findings"].as_array().unwrap();
    let cited: Vec<&Value> = summary_row["score"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .map(|i| &findings[i.as_u64().unwrap() as usize])
        .collect();
    let off_topic = cited
        .iter()
        .find(|f| f["kind"] == "off_topic")
        .expect("an off_topic finding among the score's findings");
    assert_eq!(off_topic["section"].as_str(), Some("Critical Analysis"));
    // The foreign subjects are the evidence.
    let text = off_topic["text"].as_str().unwrap();
    for name in ["India", "Harvard", "Uruguay"] {
        assert!(text.contains(name), "{text}");
    }
}
