//! One page of a list, with how many rows the whole list holds: the same
//! shape for accounts, donors, pickups and devices, on both sides.

use serde::{Deserialize, Serialize};

/// The most rows one page of a list holds: the API serves larger requests
/// this many rows at a time.
pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many rows match in all, across pages.
    pub total: u64,
}

impl<T> Page<T> {
    /// The same page with each row turned into another shape.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
        }
    }
}
