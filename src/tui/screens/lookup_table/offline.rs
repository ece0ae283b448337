//! A table shown from a saved report (`chime-prefs open`): the rows as
//! they were captured, drawn by the same view as a live table, refusing
//! what would call AWS (`R`, a kind's own keys such as `h`, `Enter` on a
//! row that was never read), and `r`, which lists and reads the same
//! subject live with this run's settings.

use super::kind::TableKind;
use super::state::LookupTable;
use crate::report::subject::parse_time;
use crate::tui::captured::Captured;
use crate::tui::screens::page::{Ctx, Reply};

impl<K: TableKind> LookupTable<K> {
    /// The table showing `results`, captured as `captured` says; it asks
    /// nothing. `Err` says what the report lacks to be shown.
    pub fn from_report(results: K::Results, captured: Captured) -> Result<Self, String> {
        let source = K::from_subject(&captured.subject, &results)?;
        let at = parse_time(&captured.subject.captured_at).unwrap_or(std::time::UNIX_EPOCH);
        let mut table = LookupTable::new(source, results, captured.seen, at);
        table.offline = Some(captured);
        Ok(table)
    }

    /// `r` on a saved report: the same subject, listed and read live with
    /// this run's settings; the table becomes a live one and keeps its
    /// state filter and order.
    pub(super) fn run_live(&mut self, captured: &Captured, ctx: &mut Ctx) -> Reply {
        match self.source.live(ctx) {
            Ok((mut live, effects)) => {
                live.filter = self.filter;
                live.sort = self.sort;
                *self = live;
                Reply::effects(effects).with_toast(captured.live_note(&ctx.options.client))
            }
            Err(why) => Reply::toast(why),
        }
    }
}

/// `r` acts on a saved report only.
pub fn offline<K: TableKind>(t: &LookupTable<K>) -> Result<(), String> {
    match t.offline {
        Some(_) => Ok(()),
        None => Err(format!(
            "r runs a saved report (chime-prefs open) live; this is live: R {}",
            K::WORDS.keys.rerun.to_lowercase()
        )),
    }
}
