//! Main actors: the people and organisations the story is about — the names mentioned most across
//! outlets (at least `min-mentions` times, in at least `min-outlets` outlets), a surname alone
//! ("Okafor") merged with the full names ending in it ("Tomas Okafor") when one of them introduced
//! it; a name holding an organisation word is an organisation; a one-word name that is no one's
//! surname (a country, a city) is no actor.
//!
//! *Does not measure* how an outlet portrays them (labels, tone) nor who speaks (voices); it does
//! not resolve pronouns ("she") or descriptions ("the mayor") to an actor, and takes two people of
//! the same name for one. Names themselves come from [`crate::extract::names`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::extract::names;
use crate::model::Document;

use super::common::{capitalised, clean_name, fold, in_author};
use super::config::FramingConfig;

/// A main actor of the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// The most frequent full form ("Tomas Okafor").
    pub name: String,
    /// `person` or `organisation`.
    pub kind: String,
    /// The forms merged into it, most frequent first.
    pub forms: Vec<String>,
    pub mentions: usize,
    pub outlets: usize,
}

/// The name mentions of every document, per sentence: (form, start byte, end byte).
pub(super) type DocNames = Vec<Vec<Vec<(String, usize, usize)>>>;

/// The story's main actors and how its name mentions map to them.
pub(super) struct Cast {
    pub(super) actors: Vec<Actor>,
    pub(super) doc_names: DocNames,
    pub(super) index: ActorIndex,
    /// Actor key → index in `actors`.
    pub(super) actor_of_key: HashMap<String, usize>,
}

impl Cast {
    /// The actor a name spelling `form` stands for, if it names one.
    pub(super) fn actor_of(&self, form: &str) -> Option<usize> {
        self.index
            .key(form)
            .and_then(|k| self.actor_of_key.get(k))
            .copied()
    }

    /// The mentions of actors in sentence `si` of document `di` that are in the author's voice
    /// (`author`: the sentence with its quotations blanked out; `text`: as written), in order:
    /// (actor, start byte, end byte).
    pub(super) fn author_mentions<'c>(
        &'c self,
        di: usize,
        si: usize,
        author: &'c str,
        text: &'c str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'c {
        self.doc_names[di][si]
            .iter()
            .filter_map(move |(form, a, b)| {
                let ai = self.actor_of(form)?;
                in_author(author, text, *a, *b).then_some((ai, *a, *b))
            })
    }

    /// How many times document `di` mentions each actor (in any voice).
    pub(super) fn mentions(&self, di: usize) -> Vec<usize> {
        let mut mentions_n = vec![0usize; self.actors.len()];
        for ns in &self.doc_names[di] {
            for (form, _, _) in ns {
                let Some(ai) = self.actor_of(form) else {
                    continue;
                };
                mentions_n[ai] += 1;
            }
        }
        mentions_n
    }
}

/// Name forms of the whole story, then actors. `outlet(d)` names document `d`'s outlet.
pub(super) fn cast(
    docs: &[Document],
    outlet: &dyn Fn(usize) -> String,
    cfg: &FramingConfig,
) -> Cast {
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    let mut first: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); docs.len()];
    let mut doc_names: Vec<Vec<Vec<(String, usize, usize)>>> = Vec::with_capacity(docs.len());
    for d in docs {
        let mut per = Vec::with_capacity(d.sentences.len());
        for s in &d.sentences {
            let ns: Vec<(String, usize, usize)> = names(&s.text)
                .into_iter()
                .map(|n| {
                    let form = clean_name(&n.text);
                    let end = n.span.start + form.len().min(n.span.end - n.span.start);
                    (form, n.span.start, end)
                })
                .collect();
            for (f, _, _) in &ns {
                *forms.entry(f.clone()).or_default() += 1;
                first[doc_names.len()].entry(f.clone()).or_insert(per.len());
            }
            per.push(ns);
        }
        doc_names.push(per);
    }
    let index = ActorIndex::build(&forms, &first, cfg);
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let mut outlets_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut forms_of: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (di, per) in doc_names.iter().enumerate() {
        for ns in per {
            for (f, _, _) in ns {
                if let Some(k) = index.key(f) {
                    *count.entry(k.to_string()).or_default() += 1;
                    outlets_of
                        .entry(k.to_string())
                        .or_default()
                        .insert(outlet(di));
                    *forms_of
                        .entry(k.to_string())
                        .or_default()
                        .entry(f.clone())
                        .or_default() += 1;
                }
            }
        }
    }
    let mut keys: Vec<&String> = count
        .keys()
        .filter(|k| {
            count[*k] >= cfg.actors.min_mentions && outlets_of[*k].len() >= cfg.actors.min_outlets
        })
        .collect();
    keys.sort_by(|a, b| count[*b].cmp(&count[*a]).then(a.cmp(b)));
    keys.truncate(cfg.actors.max);
    let actor_keys: Vec<String> = keys.into_iter().cloned().collect();
    let actors: Vec<Actor> = actor_keys
        .iter()
        .map(|k| {
            let mut fs: Vec<(&String, &usize)> = forms_of[k].iter().collect();
            fs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let organisation = index.organisation.contains(k);
            let name = if organisation {
                fs[0].0.clone()
            } else {
                fs.iter()
                    .find(|(f, _)| f.contains(' '))
                    .map_or_else(|| fs[0].0.clone(), |(f, _)| (*f).clone())
            };
            Actor {
                name,
                kind: if organisation {
                    "organisation"
                } else {
                    "person"
                }
                .into(),
                forms: fs.iter().map(|(f, _)| (*f).clone()).collect(),
                mentions: count[k],
                outlets: outlets_of[k].len(),
            }
        })
        .collect();
    let actor_of_key: HashMap<String, usize> = actor_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    Cast {
        actors,
        doc_names,
        index,
        actor_of_key,
    }
}

fn is_organisation(name: &str, cfg: &FramingConfig) -> bool {
    name.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        cfg.actors.organisation_words.contains(&w)
    })
}

/// Maps every name form of the story to an actor key.
pub(super) struct ActorIndex {
    key_of: HashMap<String, String>,
    organisation: BTreeSet<String>,
}

impl ActorIndex {
    /// `forms`: every name form with its count; `first`: per document, the first sentence each
    /// form appears in.
    fn build(
        forms: &BTreeMap<String, usize>,
        first: &[BTreeMap<String, usize>],
        cfg: &FramingConfig,
    ) -> ActorIndex {
        let mut key_of = HashMap::new();
        let mut organisation = BTreeSet::new();
        let singles: BTreeSet<&str> = forms
            .keys()
            .filter(|f| !f.contains(' '))
            .map(String::as_str)
            .collect();
        // Full person forms by surname, most frequent first.
        let mut by_surname: BTreeMap<&str, Vec<(&String, usize)>> = BTreeMap::new();
        for (f, &n) in forms {
            if is_organisation(f, cfg) {
                key_of.insert(f.clone(), f.to_lowercase());
                organisation.insert(f.to_lowercase());
                continue;
            }
            let words: Vec<&str> = f.split_whitespace().collect();
            if (2..=4).contains(&words.len()) && words.iter().all(|w| capitalised(w)) {
                by_surname
                    .entry(words[words.len() - 1])
                    .or_default()
                    .push((f, n));
            }
        }
        for (surname, mut full) in by_surname {
            full.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let main = fold(full[0].0);
            // A surname alone refers back to a full name introduced before it (in some article).
            let introduced = first.iter().any(|fs| {
                let single = fs.get(surname);
                full.iter()
                    .filter_map(|(f, _)| fs.get(*f))
                    .min()
                    .is_some_and(|&at| single.is_none_or(|&s| at <= s))
            });
            let merge = singles.contains(surname) && introduced;
            if !merge {
                continue;
            }
            for (f, _) in &full {
                let key = if fold(f) == main {
                    surname.to_string()
                } else {
                    fold(f)
                };
                key_of.insert((*f).clone(), key);
            }
            key_of.insert(surname.to_string(), surname.to_string());
        }
        ActorIndex {
            key_of,
            organisation,
        }
    }

    pub(super) fn key(&self, form: &str) -> Option<&str> {
        self.key_of.get(form).map(String::as_str)
    }
}
