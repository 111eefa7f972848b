//! An open story ([`Open`]: centroid, recent member vectors, members), an item waiting to be
//! assigned ([`Pending`]) and the map of open stories by id ([`Stories`]).
//!
//! It does not decide which story an item joins (`clusterer`) or when stories merge (`merge`).

use std::collections::VecDeque;

use crate::text::IndexMap;

use super::Member;

#[derive(Debug)]
pub(super) struct Open<T> {
    pub(super) id: usize,
    /// Sum of the member vectors, sorted by term (a sorted list: half the memory of a hash map,
    /// and scoring an item is a merge of two sorted lists).
    pub(super) centroid: Box<[(u32, f32)]>,
    pub(super) norm2: f32,
    /// The vectors of the latest `members-checked` items that moved the centroid, for
    /// verification. Empty while the story has one such item: its vector is then the centroid
    /// itself (the same terms and weights), so it is not stored twice ([`Open::recent`]).
    pub(super) recent: VecDeque<Box<[(u32, f32)]>>,
    pub(super) last_time: Option<i64>,
    pub(super) last_seq: usize,
    /// Items that moved the centroid, and their text words (for the short-text thresholds).
    pub(super) items: usize,
    pub(super) words: usize,
    pub(super) members: Vec<Member<T>>,
}

impl<T> Open<T> {
    pub(super) fn short(&self, short_words: usize) -> bool {
        self.words < short_words * self.items.max(1)
    }

    /// The recent member vectors (see the field): the centroid alone for a story of one item.
    pub(super) fn recent(&self) -> impl Iterator<Item = &[(u32, f32)]> {
        let only = (self.recent.is_empty() && self.items == 1).then_some(&*self.centroid);
        only.into_iter().chain(self.recent.iter().map(|r| &**r))
    }

    /// Store the one item's vector (the centroid) before the story's centroid changes.
    pub(super) fn keep_first_vector(&mut self) {
        if self.recent.is_empty() && self.items == 1 {
            self.recent.push_back(self.centroid.clone());
        }
    }

    /// Adds item `seq`, seen at `time`, as the story's last member (`syndicated_of`: the item it
    /// is a copy of, if it is one).
    pub(super) fn add_member(
        &mut self,
        seq: usize,
        time: Option<i64>,
        syndicated_of: Option<usize>,
        payload: T,
    ) {
        self.last_seq = seq;
        if let Some(t) = time {
            self.last_time = Some(self.last_time.map_or(t, |l| l.max(t)));
        }
        push_member(
            &mut self.members,
            Member {
                seq,
                syndicated_of,
                payload,
            },
        );
    }
}

/// Push onto a member list growing it by half (not doubling from four, as `Vec::push` does): most
/// stories have one or two members, and a window holds tens of thousands of them.
pub(super) fn push_member<T>(members: &mut Vec<Member<T>>, m: Member<T>) {
    if members.len() == members.capacity() {
        members.reserve_exact((members.len() / 2).max(1));
    }
    members.push(m);
}

/// Append a vector to the recent ones, the oldest dropped first beyond `n` (so that the list never
/// grows past `n`, and neither does its allocation).
pub(super) fn push_recent(
    recent: &mut VecDeque<Box<[(u32, f32)]>>,
    v: Box<[(u32, f32)]>,
    n: usize,
) {
    while recent.len() >= n.max(1) {
        recent.pop_front();
    }
    if recent.len() == recent.capacity() {
        recent.reserve_exact((recent.len() / 2).max(1).min(n - recent.len()));
    }
    recent.push_back(v);
}

#[derive(Debug)]
pub(super) struct Pending<T> {
    pub(super) seq: usize,
    pub(super) time: Option<i64>,
    pub(super) words: usize,
    pub(super) counts: IndexMap<u64, f32>,
    pub(super) root: Option<usize>,
    pub(super) payload: T,
}

/// Open stories by id: a map from the id to a slot in one vector, grown by a quarter at a time.
/// A map holding the stories themselves keeps a story-sized bucket for each empty place of its
/// table, which doubles; here an empty place costs 16 bytes (about 4 MB less for 30,000 stories).
#[derive(Debug)]
pub(super) struct Stories<V> {
    slot: IndexMap<usize, u32>,
    items: Vec<Option<V>>,
    free: Vec<u32>,
}

impl<V> Default for Stories<V> {
    fn default() -> Self {
        Stories {
            slot: IndexMap::default(),
            items: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<V> Stories<V> {
    pub(super) fn get(&self, id: &usize) -> Option<&V> {
        self.slot
            .get(id)
            .and_then(|&i| self.items[i as usize].as_ref())
    }

    pub(super) fn get_mut(&mut self, id: &usize) -> Option<&mut V> {
        let i = *self.slot.get(id)?;
        self.items[i as usize].as_mut()
    }

    pub(super) fn contains_key(&self, id: &usize) -> bool {
        self.slot.contains_key(id)
    }

    pub(super) fn len(&self) -> usize {
        self.slot.len()
    }

    /// Add a story under an id not in use.
    pub(super) fn insert(&mut self, id: usize, v: V) {
        let i = match self.free.pop() {
            Some(i) => {
                self.items[i as usize] = Some(v);
                i
            }
            None => {
                if self.items.len() == self.items.capacity() {
                    self.items.reserve_exact((self.items.len() / 4).max(64));
                }
                self.items.push(Some(v));
                u32::try_from(self.items.len() - 1).expect("fewer than 2^32 open stories")
            }
        };
        let old = self.slot.insert(id, i);
        debug_assert!(old.is_none(), "story {id} opened twice");
    }

    pub(super) fn remove(&mut self, id: &usize) -> Option<V> {
        let i = self.slot.remove(id)?;
        self.free.push(i);
        self.items[i as usize].take()
    }

    pub(super) fn keys(&self) -> impl Iterator<Item = &usize> {
        self.slot.keys()
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &V> {
        self.slot
            .values()
            .filter_map(|&i| self.items[i as usize].as_ref())
    }
}

impl<V> std::ops::Index<&usize> for Stories<V> {
    type Output = V;
    fn index(&self, id: &usize) -> &V {
        self.get(id).expect("story is open")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_vectors_stay_within_their_bound_and_start_from_the_centroid() {
        let v = |t: u32| -> Box<[(u32, f32)]> { vec![(t, 1.0)].into_boxed_slice() };
        let mut recent = VecDeque::new();
        for t in 0..20 {
            push_recent(&mut recent, v(t), 8);
            assert!(
                recent.len() <= 8 && recent.capacity() <= 8,
                "{}",
                recent.capacity()
            );
        }
        let kept: Vec<u32> = recent.iter().map(|r| r[0].0).collect();
        assert_eq!(
            kept,
            (12..20).collect::<Vec<_>>(),
            "the latest eight, oldest first"
        );
        let mut members: Vec<Member<()>> = Vec::new();
        push_member(
            &mut members,
            Member {
                seq: 0,
                syndicated_of: None,
                payload: (),
            },
        );
        assert_eq!(members.capacity(), 1, "a story of one item holds one slot");
        for seq in 1..100 {
            push_member(
                &mut members,
                Member {
                    seq,
                    syndicated_of: None,
                    payload: (),
                },
            );
            assert!(
                members.capacity() <= members.len() * 2,
                "grown by half, not doubled"
            );
        }
        // A story of one item checks its centroid; a second item stores the first one's vector.
        let mut story: Open<()> = Open {
            id: 0,
            centroid: vec![(3, 0.6), (9, 0.8)].into_boxed_slice(),
            norm2: 1.0,
            recent: VecDeque::new(),
            last_time: None,
            last_seq: 0,
            items: 1,
            words: 0,
            members: Vec::new(),
        };
        assert_eq!(
            story.recent().collect::<Vec<_>>(),
            vec![&story.centroid[..]]
        );
        let first = story.centroid.clone();
        story.keep_first_vector();
        story.centroid = vec![(3, 1.6), (9, 0.8)].into_boxed_slice();
        story.items = 2;
        assert_eq!(story.recent().collect::<Vec<_>>(), vec![&first[..]]);
    }
}
