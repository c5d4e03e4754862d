//! Tables keyed by node: a fast hasher for node ids, and a dense vector indexed by a node's
//! arena index.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::NodeId;

/// A hasher for [`NodeId`] keys: a node id is a small integer, spread by one multiplication
/// (the default SipHash is many times slower and its DoS resistance buys nothing here).
#[derive(Debug, Default, Clone, Copy)]
pub struct NodeIdHasher(u64);

impl Hasher for NodeIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A hasher for keys of short strings (class and id values), eight bytes at a time (after
/// FxHash): SipHash cost more than the lookups it served. Not for keys an attacker could
/// choose to collide where that matters: a page's own values, in a table that only saves work.
#[derive(Debug, Default, Clone, Copy)]
pub struct ShortKeyHasher(u64);

impl ShortKeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for ShortKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A map keyed by short strings (see [`ShortKeyHasher`]).
pub type ShortKeyMap<K, V> = HashMap<K, V, BuildHasherDefault<ShortKeyHasher>>;

/// A map keyed by node.
pub type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<NodeIdHasher>>;
/// A set of nodes.
pub type NodeSet = HashSet<NodeId, BuildHasherDefault<NodeIdHasher>>;

/// The index of a node in its tree's arena: small, dense (`1..=` the number of nodes) and
/// the same for the node's lifetime. `ego_tree` keeps it private; its derived `Hash` writes
/// it, so a hasher that keeps the written number reads it out (a test pins this).
pub fn node_index(id: NodeId) -> usize {
    #[derive(Default)]
    struct Keep(u64);
    impl Hasher for Keep {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 << 8) | u64::from(b);
            }
        }
        fn write_usize(&mut self, n: usize) {
            self.0 = n as u64;
        }
    }
    let mut k = Keep::default();
    std::hash::Hash::hash(&id, &mut k);
    k.0 as usize
}

/// A value per node in a vector indexed by [`node_index`]: a lookup is an index, where a
/// [`NodeMap`] hashes and probes (these tables are read for almost every node, by many walks).
#[derive(Debug, Clone)]
pub struct DenseNodeMap<V: Copy> {
    values: Vec<V>,
    missing: V,
}

impl<V: Copy + PartialEq> DenseNodeMap<V> {
    /// An empty table; `missing` is what unset nodes hold (and must not be stored).
    pub fn new(missing: V) -> Self {
        DenseNodeMap { values: Vec::new(), missing }
    }

    pub fn insert(&mut self, id: NodeId, value: V) {
        let i = node_index(id);
        if i >= self.values.len() {
            self.values.resize(i + 1, self.missing);
        }
        self.values[i] = value;
    }

    pub fn get(&self, id: NodeId) -> Option<V> {
        self.values.get(node_index(id)).copied().filter(|v| *v != self.missing)
    }

    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut V> {
        let missing = self.missing;
        self.values.get_mut(node_index(id)).filter(|v| **v != missing)
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    #[test]
    fn node_index_is_dense_and_distinct() {
        let doc = Html::parse_document("<div id=a><p>one <b>two</b></p><!-- c --><ul><li>x</li></ul></div>");
        let mut seen: Vec<usize> = doc.tree.nodes().map(|n| node_index(n.id())).collect();
        let count = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), count, "distinct");
        assert!(seen.iter().all(|&i| (1..=count).contains(&i)), "{seen:?}");
    }
}
