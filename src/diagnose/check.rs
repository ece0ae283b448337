//! One link of the push path, judged: the output of a diagnosis.

use crate::error::CallError;
use crate::operation::Operation;

/// The links, in the order the verdict reads them. The ids are stable:
/// scripts match them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckId {
    Arns,
    Membership,
    Ban,
    Preferences,
    FilterRule,
    Endpoints,
    // Behind the device: each a file under `checks/`. Every id and title
    // is in `names`.
    PinpointApp,
    PushChannels,
    ServiceRole,
    RolePermission,
}

impl CheckId {
    pub const ALL: [CheckId; 10] = [
        CheckId::Arns,
        CheckId::Membership,
        CheckId::Ban,
        CheckId::Preferences,
        CheckId::FilterRule,
        CheckId::Endpoints,
        CheckId::PinpointApp,
        CheckId::PushChannels,
        CheckId::ServiceRole,
        CheckId::RolePermission,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Pass,
    Fail,
    Warn,
    /// The call failed: the link could not be judged.
    Unknown,
    /// Not run; the finding says why.
    Skipped,
    /// The call has not answered yet (only while a screen fills in live).
    Pending,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Unknown => "unknown",
            Status::Skipped => "skipped",
            Status::Pending => "pending",
        }
    }

    pub const ALL: [Status; 6] = [
        Status::Pass,
        Status::Fail,
        Status::Warn,
        Status::Unknown,
        Status::Skipped,
        Status::Pending,
    ];

    /// The status [`as_str`](Self::as_str) names, as reports write it.
    pub fn parse(text: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One judged link.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    /// One line: what was found.
    pub finding: String,
    /// The call the finding rests on.
    pub operation: Option<Operation>,
    pub request_id: Option<String>,
    /// Values that support the finding, in display order. Server text is
    /// kept raw here and sanitised where it is shown.
    pub evidence: Vec<(String, String)>,
    /// When a call failed: its error, explained by the catalog.
    pub error: Option<CallError>,
    /// When the facts (not an error) make it fail or warn: what it means and
    /// what to do.
    pub advice: Vec<String>,
    /// When the check could not run: the calls that would let it (the
    /// verdict names their IAM actions).
    pub needs: Vec<Operation>,
}

impl Check {
    pub(super) fn new(id: CheckId, status: Status, finding: impl Into<String>) -> Self {
        Check {
            id,
            status,
            finding: finding.into(),
            operation: None,
            request_id: None,
            evidence: Vec::new(),
            error: None,
            advice: Vec::new(),
            needs: Vec::new(),
        }
    }

    pub(super) fn on(mut self, operation: Operation, request_id: Option<&String>) -> Self {
        self.operation = Some(operation);
        self.request_id = request_id.cloned();
        self
    }

    pub(super) fn evidence(mut self, key: &str, value: impl Into<String>) -> Self {
        self.evidence.push((key.to_string(), value.into()));
        self
    }

    pub(super) fn advice(mut self, line: impl Into<String>) -> Self {
        self.advice.push(line.into());
        self
    }

    pub(super) fn failed_call(id: CheckId, error: &CallError) -> Self {
        let finding = format!(
            "{} failed: {}{}",
            error.operation,
            error.display_code(),
            error
                .http_status
                .map(|s| format!(" (HTTP {s})"))
                .unwrap_or_default()
        );
        let mut check = Check::new(id, Status::Unknown, finding);
        check.operation = Some(error.operation);
        check.request_id = error.request_id.clone();
        check.error = Some(error.clone());
        check
    }
}
