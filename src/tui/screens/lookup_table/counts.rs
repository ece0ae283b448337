//! The counts above a table, as items that wrap onto a second row rather
//! than being cut ("5 erro"). The view styles them; the update needs their
//! row count to size the table.

use super::filter::StateFilter;
use super::kind::TableKind;
use super::rows::LookupResults;
use super::state::LookupTable;
use crate::tui::widgets::fit::width;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountKind {
    /// Key `0`–`5` and its filter.
    Filter(StateFilter),
    Unknown,
    Pending,
    Sort,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountItem {
    /// The digit that picks the filter, if any.
    pub key: Option<char>,
    pub text: String,
    pub kind: CountKind,
}

impl CountItem {
    /// Columns, with the gap after it.
    pub fn columns(&self) -> usize {
        self.key.map_or(0, |_| 1) + width(&self.text) + 1
    }
}

pub fn items<K: TableKind>(table: &LookupTable<K>) -> Vec<CountItem> {
    let s = table.results.summary();
    let counts = [s.listed(), s.all, s.none, s.filtered, s.not_set, s.errors];
    let mut items: Vec<CountItem> = StateFilter::ALL
        .into_iter()
        .zip(counts)
        .enumerate()
        .map(|(n, (filter, count))| {
            let label = match filter {
                StateFilter::Everyone => K::WORDS.everyone,
                other => other.label(),
            };
            CountItem {
                key: char::from_digit(n as u32, 10),
                text: format!(" {label} {count} "),
                kind: CountKind::Filter(filter),
            }
        })
        .collect();
    if s.unknown > 0 {
        items.push(CountItem {
            key: None,
            text: format!("unknown {}", s.unknown),
            kind: CountKind::Unknown,
        });
    }
    if s.pending > 0 {
        items.push(CountItem {
            key: None,
            text: format!("pending {}", s.pending),
            kind: CountKind::Pending,
        });
    }
    items.push(CountItem {
        key: None,
        text: format!("· sort: {}", table.sort.label()),
        kind: CountKind::Sort,
    });
    items
}

/// The items in rows of at most `columns`; an item is never split.
pub fn rows(items: &[CountItem], columns: usize) -> Vec<Vec<&CountItem>> {
    let mut rows: Vec<Vec<&CountItem>> = vec![Vec::new()];
    let mut used = 0;
    for item in items {
        let w = item.columns();
        if used + w > columns + 1 && used > 0 {
            rows.push(Vec::new());
            used = 0;
        }
        used += w;
        if let Some(row) = rows.last_mut() {
            row.push(item);
        }
    }
    rows
}

/// Rows the counts take at `columns`.
pub fn row_count<K: TableKind>(table: &LookupTable<K>, columns: usize) -> usize {
    rows(&items(table), columns).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> CountItem {
        CountItem {
            key: Some('0'),
            text: text.to_string(),
            kind: CountKind::Sort,
        }
    }

    #[test]
    fn items_wrap_whole_onto_the_next_row() {
        let items = [
            item(" everyone 10000 "),
            item(" errors 5 "),
            item(" ALL 1 "),
        ];
        let rows = rows(&items, 30);
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|i| i.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [vec![" everyone 10000 ", " errors 5 "], vec![" ALL 1 "]]
        );
        assert_eq!(super::rows(&items, 200).len(), 1);
        // An item wider than the row still gets a row of its own.
        assert_eq!(super::rows(&items, 5).len(), 3);
    }
}
