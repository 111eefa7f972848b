//! The audit run: stream items from feeds, cluster them into stories, compare every story with two
//! or more outlets (in parallel with rayon, with the same engine as `compare`), and hand each story
//! to a sink; totals per source come back for the summary.
//!
//! Per story: items that are copies of the same wire text count once (the first one is compared;
//! the others are listed in the syndication map and counted for their publishers as copies); one
//! item per source is compared (the one with the most text).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::aggregate::{
    self, ItemRef, SourceInStory, StoryLine, Summary, SyndicationGroup, Totals,
};
use super::cluster::{ClusterStats, Clusterer, ItemText, Member, Story};
use super::names::{safe_stem, Names};
use super::ClusterConfig;
use crate::error::{Error, Result};
use crate::load::feed::{self, iso_date, FeedItem, ItemFields, TextKind};
use crate::load::{LoadOptions, Loaded};
use crate::report::Report;
use crate::Engine;

/// How to run an audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub fields: ItemFields,
    pub load: LoadOptions,
    /// Closed stories compared together in one parallel batch.
    pub batch: usize,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            fields: ItemFields::default(),
            load: LoadOptions::default(),
            batch: 64,
        }
    }
}

/// One finished story: its line (what is aggregated) and its report when it was compared.
#[derive(Debug)]
pub struct StoryResult {
    pub line: StoryLine,
    pub report: Option<Report>,
}

/// Counters handed to the progress callback.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    pub items: u64,
    pub stories: u64,
    pub compared: u64,
}

const UNKNOWN_SOURCE: &str = "(unknown source)";

fn item_ref(i: &FeedItem) -> ItemRef {
    ItemRef {
        id: i.id.clone(),
        source: i.source.clone(),
        url: i.url.clone(),
    }
}

/// Build the story line and, when it has two or more outlets and an engine is given, compare it
/// (no engine: the run only clusters).
pub fn process(story: Story<FeedItem>, engine: Option<&Engine>) -> StoryResult {
    let mut members = story.members;
    members.sort_by_key(|m| m.seq);
    let mut text: BTreeMap<String, usize> = BTreeMap::new();
    for m in &members {
        let k = match m.payload.text_kind {
            TextKind::Title => "title",
            TextKind::Summary => "summary",
            TextKind::Full => "full",
        };
        *text.entry(k.to_string()).or_default() += 1;
    }
    // Syndication groups: root seq → copies.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        if let Some(root) = m.syndicated_of {
            groups.entry(root).or_default().push(i);
        }
    }
    let mut syndication = Vec::new();
    let mut copies_by_source: BTreeMap<String, usize> = BTreeMap::new();
    for (root, copies) in &groups {
        let original = members
            .iter()
            .find(|m| m.seq == *root)
            .map(|m| item_ref(&m.payload))
            .unwrap_or(ItemRef {
                id: format!("#{root}"),
                source: None,
                url: None,
            });
        for &c in copies {
            let src = members[c]
                .payload
                .source
                .clone()
                .unwrap_or(UNKNOWN_SOURCE.into());
            *copies_by_source.entry(src).or_default() += 1;
        }
        syndication.push(SyndicationGroup {
            original,
            copies: copies
                .iter()
                .map(|&c| item_ref(&members[c].payload))
                .collect(),
        });
    }
    // One original item per source: the one with the most text.
    let mut per_source: BTreeMap<String, &FeedItem> = BTreeMap::new();
    for m in members.iter().filter(|m| m.syndicated_of.is_none()) {
        let src = m.payload.source.clone().unwrap_or(UNKNOWN_SOURCE.into());
        let e = per_source.entry(src).or_insert(&m.payload);
        if m.payload.words > e.words {
            *e = &m.payload;
        }
    }
    let times: Vec<i64> = members.iter().filter_map(|m| m.payload.published).collect();
    let outlets: Vec<String> = per_source.keys().cloned().collect();
    let mut line = StoryLine {
        story: format!("story-{:07}", story.id),
        title: members
            .first()
            .map(|m| m.payload.title.clone())
            .filter(|t| !t.is_empty()),
        items: members.len(),
        outlets: outlets.clone(),
        first_published: times.iter().min().and_then(|t| iso_date(*t)),
        last_published: times.iter().max().and_then(|t| iso_date(*t)),
        text,
        syndication,
        compared: false,
        error: None,
        sources: Vec::new(),
        solo: Vec::new(),
    };
    // A story with one outlet, or a run that only clusters, is not compared: its sources carry
    // their copies and no figures. Decided before any article is built.
    let Some(engine) = engine.filter(|_| outlets.len() >= 2) else {
        let sources: Vec<(String, usize)> = if outlets.len() < 2 {
            line.solo = outlets;
            copies_by_source.into_iter().collect()
        } else {
            per_source
                .into_keys()
                .map(|src| {
                    let n = copies_by_source.remove(&src).unwrap_or(0);
                    (src, n)
                })
                .collect()
        };
        for (source, n) in sources {
            line.sources.push(SourceInStory {
                source,
                article: String::new(),
                syndicated_copies: n,
                metrics: BTreeMap::new(),
            });
        }
        return StoryResult { line, report: None };
    };
    let mut names = Names::default();
    let mut source_of: BTreeMap<String, String> = BTreeMap::new();
    let mut articles = Vec::new();
    for (src, item) in &per_source {
        let mut raw = item.to_raw();
        let stem = names.safe_name(&item.id, "a");
        raw.id = safe_stem(stem.trim_end_matches(".a"));
        source_of.insert(raw.id.clone(), src.clone());
        articles.push(raw);
    }
    let loaded = Loaded {
        articles,
        manifest: None,
        skipped: Vec::new(),
    };
    match crate::compare(loaded, engine) {
        Ok(c) => {
            line.compared = true;
            let mut seen = std::collections::BTreeSet::new();
            for o in &c.report.outlets {
                let Some(src) = source_of.get(&o.article) else {
                    continue;
                };
                seen.insert(src.clone());
                line.sources.push(SourceInStory {
                    source: src.clone(),
                    article: o.article.clone(),
                    syndicated_copies: copies_by_source.remove(src).unwrap_or(0),
                    metrics: aggregate::source_metrics(&c.report, o),
                });
            }
            for (src, n) in copies_by_source {
                line.sources.push(SourceInStory {
                    source: src,
                    article: String::new(),
                    syndicated_copies: n,
                    metrics: BTreeMap::new(),
                });
            }
            StoryResult {
                line,
                report: Some(c.report),
            }
        }
        Err(e) => {
            line.error = Some(e.to_string());
            StoryResult { line, report: None }
        }
    }
}

/// What the clusterer keeps of an item until its story closes: the whole item when stories are
/// compared; without comparisons, only what the story line reads (no text, path or gold label;
/// boxed strings; source names shared), about half the memory per member.
#[derive(Debug)]
enum Kept {
    Full(Box<FeedItem>),
    Slim(Slim),
}

/// An item without its text: id, title and URL in one allocation (64 bytes and one string per
/// member, against 96 bytes and three strings as separate fields).
#[derive(Debug)]
struct Slim {
    /// The id, the title, then the URL.
    strings: Box<str>,
    id_len: u32,
    title_len: u32,
    has_url: bool,
    text_kind: TextKind,
    words: u32,
    source: Option<std::sync::Arc<str>>,
    published: Option<i64>,
}

impl Slim {
    fn new(item: &FeedItem, sources: &mut Sources) -> Slim {
        let url = item.url.as_deref();
        let mut strings =
            String::with_capacity(item.id.len() + item.title.len() + url.map_or(0, str::len));
        strings.push_str(&item.id);
        strings.push_str(&item.title);
        strings.push_str(url.unwrap_or(""));
        // Lengths past 4 GiB cannot occur: an item is read whole under `--max-bytes`.
        let len = |s: &str| u32::try_from(s.len()).expect("field shorter than 4 GiB");
        Slim {
            strings: strings.into_boxed_str(),
            id_len: len(&item.id),
            title_len: len(&item.title),
            has_url: url.is_some(),
            text_kind: item.text_kind,
            words: u32::try_from(item.words).unwrap_or(u32::MAX),
            source: item.source.clone().map(|s| sources.get(s)),
            published: item.published,
        }
    }
}

impl Kept {
    /// The item as [`process`] reads it (a slim one with empty text, path and label).
    fn into_item(self) -> FeedItem {
        match self {
            Kept::Full(item) => *item,
            Kept::Slim(s) => {
                let (id, rest) = s.strings.split_at(s.id_len as usize);
                let (title, url) = rest.split_at(s.title_len as usize);
                FeedItem {
                    id: id.to_string(),
                    path: String::new(),
                    title: title.to_string(),
                    text: String::new(),
                    standfirst: None,
                    source: s.source.map(|x| x.to_string()),
                    url: s.has_url.then(|| url.to_string()),
                    published: s.published,
                    story: None,
                    words: s.words as usize,
                    text_kind: s.text_kind,
                }
            }
        }
    }
}

/// Shared source names (a feed has few outlets and many items).
#[derive(Debug, Default)]
struct Sources(std::collections::HashSet<std::sync::Arc<str>>);

impl Sources {
    fn get(&mut self, name: String) -> std::sync::Arc<str> {
        if let Some(s) = self.0.get(name.as_str()) {
            return s.clone();
        }
        let s: std::sync::Arc<str> = name.into();
        self.0.insert(s.clone());
        s
    }
}

fn into_feed_story(s: Story<Kept>) -> Story<FeedItem> {
    Story {
        id: s.id,
        members: s
            .members
            .into_iter()
            .map(|m| Member {
                seq: m.seq,
                syndicated_of: m.syndicated_of,
                payload: m.payload.into_item(),
            })
            .collect(),
    }
}

/// Run the audit over `inputs`. Each finished story goes to `sink` in a deterministic order;
/// `progress` is called after each batch. Returns the per-source totals and clustering counters.
/// Without an engine the run only clusters (no story is compared; the engine's rules and lexicons
/// are not even built).
pub fn run(
    inputs: &[String],
    opts: &AuditOptions,
    engine: Option<&Engine>,
    cfg: &ClusterConfig,
    sink: &mut dyn FnMut(StoryResult) -> Result<()>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Totals, ClusterStats)> {
    let mut clusterer: Clusterer<Kept> = Clusterer::new(cfg.clone());
    let mut sources = Sources::default();
    let mut totals = Totals::default();
    let mut p = Progress::default();
    let mut pending: Vec<Story<Kept>> = Vec::new();
    let flush = |batch: Vec<Story<Kept>>,
                 totals: &mut Totals,
                 p: &mut Progress,
                 sink: &mut dyn FnMut(StoryResult) -> Result<()>|
     -> Result<()> {
        let results: Vec<StoryResult> = batch
            .into_par_iter()
            .map(|s| process(into_feed_story(s), engine))
            .collect();
        for r in results {
            totals.add(&r.line);
            p.stories += 1;
            p.compared += u64::from(r.line.compared);
            sink(r)?;
        }
        Ok(())
    };
    // Stories are compared and written `opts.batch` at a time, however many closed at once (a
    // gap in the feed longer than the window closes every open story in one sweep): the results
    // of one batch are in memory at a time, not those of a whole window.
    let mut flush_batches = |stories: Vec<Story<Kept>>,
                             totals: &mut Totals,
                             p: &mut Progress,
                             sink: &mut dyn FnMut(StoryResult) -> Result<()>|
     -> Result<()> {
        let mut stories = stories.into_iter().peekable();
        while stories.peek().is_some() {
            let batch: Vec<Story<Kept>> = stories.by_ref().take(opts.batch.max(1)).collect();
            flush(batch, totals, p, sink)?;
            progress(*p);
        }
        Ok(())
    };
    for input in inputs {
        for item in feed::items(input, &opts.fields, &opts.load)? {
            let item = item?;
            let text = ItemText {
                title: &item.title,
                text: &item.text,
                time: item.published,
                words: Some(item.words),
            };
            // Without comparisons the text is not needed after clustering: keep only metadata, so
            // that memory holds the window's stories, not their texts.
            if engine.is_some() {
                let kept = Kept::Full(Box::new(item.clone()));
                clusterer.push(text, kept);
            } else {
                clusterer.push(text, Kept::Slim(Slim::new(&item, &mut sources)));
            }
            p.items += 1;
            pending.extend(clusterer.take_closed());
            if pending.len() >= opts.batch {
                flush_batches(std::mem::take(&mut pending), &mut totals, &mut p, sink)?;
            }
        }
    }
    let (rest, stats) = clusterer.finish();
    pending.extend(rest);
    flush_batches(pending, &mut totals, &mut p, sink)?;
    if p.items == 0 {
        return Err(Error::NoArticles(format!(
            "no feed item in {}",
            inputs.join(", ")
        )));
    }
    Ok((totals, stats))
}

/// Writes each story's JSON into `DIR/stories/` and, at the end, `summary.json`, `summary.md` and
/// `syndication.json`. Every name comes from [`safe_stem`]; every write is atomic.
///
/// Nothing is created before the first story is written (a run that fails on its input leaves no
/// directory behind), and nothing grows with the feed: story file names are unique by construction
/// (they start with the story's id, unique in a run), and the syndication map is streamed into a
/// temporary file in `DIR`, renamed to `syndication.json` by [`DirSink::finish`].
#[derive(Debug)]
pub struct DirSink {
    dir: PathBuf,
    /// Whether `dir/stories` exists (created at the first story).
    ready: bool,
    /// The syndication map so far (an open JSON array), once there is a story.
    syndication: Option<std::io::BufWriter<tempfile::NamedTempFile>>,
    groups: usize,
}

impl DirSink {
    /// A sink writing into `dir` (created, with `dir/stories`, when the first story comes).
    pub fn new(dir: &Path) -> Result<DirSink> {
        Ok(DirSink {
            dir: dir.to_path_buf(),
            ready: false,
            syndication: None,
            groups: 0,
        })
    }

    fn write_error(&self, path: &Path, e: std::io::Error) -> Error {
        Error::Write {
            path: path.to_path_buf(),
            source: e,
        }
    }

    /// Create the directories and the temporary syndication map, once.
    fn prepare(&mut self) -> Result<()> {
        if self.ready {
            return Ok(());
        }
        std::fs::create_dir_all(self.dir.join("stories"))
            .map_err(|e| self.write_error(&self.dir, e))?;
        let map = self.dir.join("syndication.json");
        let mut builder = tempfile::Builder::new();
        builder.prefix(".corroborate-").suffix(".tmp");
        // The permissions `write_atomic` gives: those of the file replaced, else 0666 less the
        // umask (a temporary file is private otherwise).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&map).map_or(0o666, |m| m.permissions().mode() & 0o7777);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let tmp = builder
            .tempfile_in(&self.dir)
            .map_err(|e| self.write_error(&map, e))?;
        let mut w = std::io::BufWriter::new(tmp);
        std::io::Write::write_all(&mut w, b"[").map_err(|e| self.write_error(&map, e))?;
        self.syndication = Some(w);
        self.ready = true;
        Ok(())
    }

    /// Write one story's file (`{"story": line, "report": report}`) and add its syndication groups
    /// to the map.
    pub fn story(&mut self, r: StoryResult) -> Result<()> {
        self.prepare()?;
        let map = self.dir.join("syndication.json");
        for g in &r.line.syndication {
            let entry = serde_json::json!({"story": r.line.story, "original": g.original, "copies": g.copies});
            let text =
                serde_json::to_string_pretty(&entry).map_err(|e| Error::Eval(e.to_string()))?;
            let w = self.syndication.as_mut().expect("prepared");
            // As `to_vec_pretty` writes an array: each element on its own lines, indented by two
            // spaces (a JSON string holds no raw line break, so indenting lines is safe).
            let sep: &[u8] = if self.groups == 0 { b"\n" } else { b",\n" };
            let mut chunk = Vec::with_capacity(text.len() + 64);
            chunk.extend_from_slice(sep);
            for (i, l) in text.lines().enumerate() {
                if i > 0 {
                    chunk.push(b'\n');
                }
                chunk.extend_from_slice(b"  ");
                chunk.extend_from_slice(l.as_bytes());
            }
            std::io::Write::write_all(w, &chunk).map_err(|e| Error::Write {
                path: map.clone(),
                source: e,
            })?;
            self.groups += 1;
        }
        // Unique: the story id (its first item's arrival number) leads the name.
        let label = format!(
            "{}-{}",
            r.line.story,
            r.line.title.as_deref().unwrap_or_default()
        );
        let name = format!("{}.json", safe_stem(&label));
        let path = self.dir.join("stories").join(name);
        let body = serde_json::json!({ "story": r.line, "report": r.report });
        let bytes = serde_json::to_vec_pretty(&body).map_err(|e| Error::Eval(e.to_string()))?;
        crate::output::write_atomic_batched(&path, &bytes)
    }

    /// Write the summary (JSON and markdown) and the syndication map.
    pub fn finish(mut self, summary: &Summary) -> Result<()> {
        self.prepare()?;
        // The story files on disk before the summary that lists them.
        crate::output::sync_filesystem(&self.dir)?;
        let json = serde_json::to_vec_pretty(summary).map_err(|e| Error::Eval(e.to_string()))?;
        crate::output::write_atomic(&self.dir.join("summary.json"), &json)?;
        crate::output::write_atomic(
            &self.dir.join("summary.md"),
            aggregate::markdown(summary).as_bytes(),
        )?;
        let map = self.dir.join("syndication.json");
        let mut w = self.syndication.take().expect("prepared");
        let end: &[u8] = if self.groups == 0 { b"]" } else { b"\n]" };
        std::io::Write::write_all(&mut w, end).map_err(|e| self.write_error(&map, e))?;
        let tmp = w
            .into_inner()
            .map_err(|e| self.write_error(&map, e.into_error()))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| self.write_error(&map, e))?;
        tmp.persist(&map)
            .map_err(|e| self.write_error(&map, e.error))?;
        Ok(())
    }
}

/// Read `audit --jsonl` outputs (story lines) and add them up; a bad line names its file and line.
pub fn merge_files(paths: &[PathBuf]) -> Result<Totals> {
    use std::io::BufRead;
    let mut totals = Totals::default();
    for path in paths {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            Box::new(std::io::BufReader::new(f))
        };
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(path, e))?;
            if line.trim().is_empty() {
                continue;
            }
            let story: StoryLine = serde_json::from_str(&line).map_err(|e| Error::Json {
                path: path.clone(),
                line: i + 1,
                reason: format!("not an `audit --jsonl` story line: {e}"),
            })?;
            totals.add(&story);
        }
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_are_handed_out_a_batch_at_a_time_however_many_close_together() {
        // 600 unrelated items in ten hours, then, two months later, 300 more: the first sweep
        // after the gap closes the 600 stories at once.
        let n = 900;
        let mut jsonl = String::new();
        for i in 0..n {
            let (day, m) = if i < 600 {
                ("01-01", i)
            } else {
                ("03-01", i - 600)
            };
            let text = format!("alpha{i} bravo{i} charlie{i} delta{i} echo{i} ").repeat(4);
            jsonl.push_str(&format!(
                "{{\"id\": \"i{i}\", \"title\": \"report{i} foxtrot{i}\", \"text\": \"{text}\", \"source\": \"Desk {}\", \"published\": \"2026-{day}T{:02}:{:02}:00Z\"}}\n",
                i % 3,
                m / 60,
                m % 60
            ));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        std::fs::write(&path, jsonl).unwrap();
        let opts = AuditOptions {
            batch: 2,
            ..AuditOptions::default()
        };
        let cfg = ClusterConfig::builtin().unwrap();
        let mut seen = 0u64;
        let mut sink = |_: StoryResult| {
            seen += 1;
            Ok(())
        };
        let mut steps = Vec::new();
        let mut progress = |p: Progress| steps.push(p.stories);
        let (_, stats) = run(
            &[path.display().to_string()],
            &opts,
            None,
            &cfg,
            &mut sink,
            &mut progress,
        )
        .unwrap();
        assert_eq!(seen, n as u64);
        assert_eq!(stats.stories, n);
        assert_eq!(steps.last(), Some(&(n as u64)));
        let mut before = 0;
        for s in &steps {
            assert!(
                *s - before <= 2,
                "a batch of more than 2 stories: {steps:?}"
            );
            before = *s;
        }
    }

    #[test]
    fn a_slim_item_reads_back_as_the_item_without_its_text() {
        let mut sources = Sources::default();
        for url in [Some("https://example.org/a"), Some(""), None] {
            let item = FeedItem {
                id: "feed.xml#7".into(),
                path: "feed.xml#7".into(),
                title: "Flood closes the coastal road — again".into(),
                text: "Crews worked through the night.".into(),
                standfirst: None,
                source: Some("Harbour Desk".into()),
                url: url.map(String::from),
                published: Some(1_767_225_600),
                story: Some("s1".into()),
                words: 5,
                text_kind: TextKind::Summary,
            };
            let back = Kept::Slim(Slim::new(&item, &mut sources)).into_item();
            assert_eq!(
                (&back.id, &back.title, &back.source, &back.url),
                (&item.id, &item.title, &item.source, &item.url)
            );
            assert_eq!((back.published, back.words), (item.published, item.words));
            assert_eq!(back.text_kind, item.text_kind);
            assert!(back.text.is_empty() && back.path.is_empty() && back.story.is_none());
        }
        assert_eq!(sources.0.len(), 1, "one shared source name");
    }
}
