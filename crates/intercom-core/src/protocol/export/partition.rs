//! A partition: the records created in `[from, until)` (Unix seconds), read through one search cursor.

use serde::{Deserialize, Serialize};

/// Where a partition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Stage {
    /// Its next page is to be asked for (the first one when it has no cursor).
    Waiting,
    /// A request for its next page is out (a checkpoint says `waiting`).
    InFlight,
    /// Every record in its range was handed out.
    Done,
    /// Its last request failed (a checkpoint says `waiting`: a resumed export asks again).
    Failed,
}

/// One partition of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Partition {
    /// The first creation time it holds.
    pub(crate) from: i64,
    /// The first creation time it does not hold.
    pub(crate) until: i64,
    /// The cursor of its next page (none: its first page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cursor: Option<String>,
    pub(crate) stage: Stage,
    /// Records handed out from it.
    #[serde(default)]
    pub(crate) records: u64,
    /// How many records its search announced (`total_count`), or a guess from the partition it was split
    /// from, for progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) expected: Option<u64>,
}

impl Partition {
    pub(crate) fn new(from: i64, until: i64, expected: Option<u64>) -> Self {
        Self { from, until, cursor: None, stage: Stage::Waiting, records: 0, expected }
    }

    /// How many whole seconds it spans.
    pub(crate) fn width(&self) -> i64 {
        self.until.saturating_sub(self.from)
    }
}

/// `[from, until)` cut into `pieces` ranges of whole seconds (fewer when it spans fewer seconds), each
/// expected to hold an even share of `records`.
pub(crate) fn split(from: i64, until: i64, pieces: u64, records: u64) -> Vec<Partition> {
    let width = until.saturating_sub(from).max(0) as u64;
    let pieces = pieces.clamp(1, width.max(1));
    let share = records.div_ceil(pieces);
    (0..pieces)
        .map(|k| {
            let start = from + (width * k / pieces) as i64;
            let end = from + (width * (k + 1) / pieces) as i64;
            Partition::new(start, end, Some(share))
        })
        .filter(|p| p.width() > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_covers_the_range_without_gap_or_overlap() {
        for (from, until, pieces) in [(0, 10, 3), (100, 101, 8), (5, 1_000_005, 32), (7, 9, 5)] {
            let parts = split(from, until, pieces, 1000);
            assert_eq!(parts.first().unwrap().from, from);
            assert_eq!(parts.last().unwrap().until, until);
            for pair in parts.windows(2) {
                assert_eq!(pair[0].until, pair[1].from, "{from}..{until} in {pieces}");
            }
            assert!(parts.len() as i64 <= (until - from).max(1));
        }
        assert_eq!(
            split(0, 10, 3, 1000).iter().map(|p| (p.from, p.until)).collect::<Vec<_>>(),
            [(0, 3), (3, 6), (6, 10)]
        );
    }
}
