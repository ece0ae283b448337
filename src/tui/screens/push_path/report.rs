//! The push-path screen's report: the diagnosis as `diagnose` reports it,
//! for `y` (copy) and `s` (save), and for reopening.

use super::state::PushPathScreen;
use crate::aws::ClientInfo;
use crate::diagnose::Status;
use crate::report::{Body, Report, ReportKind};
use crate::tui::screens::report;

impl PushPathScreen {
    /// The diagnosis as it stands (checks still waiting are said to be);
    /// `None` before the first answer. A saved report shown offline is
    /// the report it was, subject and all.
    pub fn report(&self, client: &ClientInfo) -> Option<Report> {
        if let Some(offline) = &self.offline {
            return Some(Report {
                subject: offline.subject.clone(),
                body: Body::Diagnosis(Box::new(self.diagnosis.clone())),
            });
        }
        let scope = &self.facts.scope;
        let answered = |c: &crate::diagnose::Check| c.status != Status::Pending;
        if self.running && !self.diagnosis.checks.iter().any(answered) {
            return None;
        }
        let mut subject = report::subject(
            ReportKind::Diagnose,
            client,
            Some(&scope.region),
            self.captured,
        );
        subject.channel_arn = Some(scope.channel_arn.clone());
        subject.member_arn = Some(scope.member_arn.clone());
        subject.member_name = self.facts.member_name().map(str::to_string);
        subject.admin_arn = scope.admin_arn.clone();
        subject.set_message(&self.facts.message);
        Some(Report {
            subject,
            body: Body::Diagnosis(Box::new(self.diagnosis.clone())),
        })
    }
}
