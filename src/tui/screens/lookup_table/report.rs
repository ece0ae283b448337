//! A table's report: what was listed, as whom, where and when, and every
//! row read so far, for `y` (copy) and `s` (save), and for reopening.

use crate::aws::ClientInfo;
use crate::report::Report;
use crate::tui::screens::report;

use super::kind::TableKind;
use super::rows::LookupResults;
use super::state::LookupTable;

impl<K: TableKind> LookupTable<K> {
    /// The report of the table as it stands (a run still going is said to
    /// be partial); `None` while nothing has been read.
    pub fn report(&self, client: &ClientInfo) -> Option<Report> {
        // A saved report shown offline is the report it was.
        if let Some(offline) = &self.offline {
            let body = K::report(self, offline.subject.clone()).body;
            return Some(Report {
                subject: offline.subject.clone(),
                body,
            });
        }
        let nothing_yet = self.running
            && self.results.rows().is_empty()
            && self.results.listing_error().is_none();
        if nothing_yet {
            return None;
        }
        let region = self.source.region(client);
        let subject = report::subject(K::REPORT, client, region.as_deref(), self.captured);
        Some(K::report(self, subject))
    }
}
