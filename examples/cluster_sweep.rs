//! Diagnostics: B³ F1 of `eval clusters` on each file while one clustering setting varies.
//! `cargo run --release --example cluster_sweep -- KEY v1,v2,... FILE...` where KEY is one of
//! join, short-join, member, share, window, name, number, title, lede, max-terms.
use std::path::PathBuf;

use corroborate::audit::ClusterConfig;
use corroborate::eval::clusters;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: cluster_sweep KEY v1,v2,... FILE...");
        std::process::exit(2);
    }
    let files: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    let data: Vec<_> = files
        .iter()
        .map(|f| clusters::read_labelled(f).expect("readable labelled file"))
        .collect();
    for v in args[1].split(',') {
        let x: f64 = v.parse().expect("a number");
        let mut cfg = ClusterConfig::builtin().expect("builtin settings");
        match args[0].as_str() {
            "join" => cfg.clusters.join_threshold = x as f32,
            "short-join" => cfg.clusters.short_join_threshold = x as f32,
            "short-merge" => cfg.clusters.short_merge_threshold = x as f32,
            "short-words" => cfg.clusters.short_words = x as usize,
            "merge" => cfg.clusters.merge_threshold = x as f32,
            "members" => cfg.clusters.members_checked = x as usize,
            "block-keys" => cfg.clusters.block_keys = x as usize,
            "candidates" => cfg.clusters.max_candidates = x as usize,
            "member" => cfg.clusters.member_threshold = x as f32,
            "share" => cfg.clusters.member_share = x as f32,
            "window" => cfg.clusters.window_hours = x,
            "name" => cfg.features.name_weight = x as f32,
            "number" => cfg.features.number_weight = x as f32,
            "title" => cfg.features.title_weight = x as f32,
            "lede" => cfg.features.lede_words = x as usize,
            "max-terms" => cfg.features.max_terms = x as usize,
            other => panic!("unknown key {other}"),
        }
        let mut line = format!("{}={v}", args[0]);
        for (f, items) in files.iter().zip(&data) {
            let gold = clusters::gold_ids(items);
            let (pred, _) = clusters::cluster_items(items, &cfg);
            let s = clusters::scores(&pred, &gold);
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            line.push_str(&format!(
                "  {name}: F1 {:.3} P {:.3} R {:.3} ARI {:.3}",
                s.b3_f1, s.b3_precision, s.b3_recall, s.ari
            ));
        }
        println!("{line}");
    }
}
