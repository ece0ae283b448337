//! What a report is about and how it was made: the member and channel,
//! region, endpoint (when not AWS's own), profile, the bearer or admin
//! used, when, and by which version of the tool. In JSON this is the one
//! `"Report"` object at the top of `diagnose`, `member` and `scan`
//! documents; every other key keeps its meaning.

use std::time::SystemTime;

use serde_json::{Map, Value};

/// The format of the JSON documents this version writes and reads.
pub const FORMAT: &str = "chime-prefs/1";

/// The JSON key of the subject object.
pub const KEY: &str = "Report";

/// Which command (and which TUI screen) a report comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// `diagnose`, the push-path screen (`p`).
    Diagnose,
    /// `member`, the member screen (`u`).
    Member,
    /// `scan`, the channel screen (`c`).
    Scan,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [ReportKind::Diagnose, ReportKind::Member, ReportKind::Scan];

    /// The command's name, as the JSON's `Kind` holds it.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Diagnose => "diagnose",
            ReportKind::Member => "member",
            ReportKind::Scan => "scan",
        }
    }

    pub fn parse(s: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a report is about. Plain data: ARNs and names are kept verbatim
/// (server text is escaped where it is shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: ReportKind,
    pub channel_arn: Option<String>,
    pub member_arn: Option<String>,
    /// The member's name, when a response said it.
    pub member_name: Option<String>,
    /// The region the calls went to.
    pub region: Option<String>,
    /// The endpoint URL used instead of AWS's own (`--endpoint-url`);
    /// `None` for the default endpoints.
    pub endpoint_url: Option<String>,
    pub profile: Option<String>,
    /// Who the calls were made as, when not the member (`scan`'s
    /// listing bearer).
    pub bearer_arn: Option<String>,
    /// The AppInstanceAdmin or moderator used for the ban check.
    pub admin_arn: Option<String>,
    /// The message a diagnosis judged the filter rule against
    /// (`--message-id`).
    pub message_id: Option<String>,
    /// The attributes it judged the rule against (`--attributes`, or the
    /// TUI's test panel), as the compact JSON `--attributes` takes.
    pub message_attributes: Option<String>,
    /// When the report was taken: RFC 3339, UTC, whole seconds.
    pub captured_at: String,
    /// `chime-prefs 0.1.0`.
    pub tool: String,
}

/// Why a document's subject could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectError {
    /// No `"Report"` object: JSON from another tool, or from a version
    /// before reports named their subject.
    Missing,
    /// A `Format` this version does not read.
    UnknownFormat(String),
    /// A field of the wrong type, or a `Kind` this version does not know.
    Invalid { field: &'static str, why: String },
}

impl std::fmt::Display for SubjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SubjectError::Missing => write!(
                f,
                "it has no \"{KEY}\" object: it is not a chime-prefs report (diagnose, member or scan --output json)"
            ),
            SubjectError::UnknownFormat(format) => write!(
                f,
                "its format is {}, and this chime-prefs ({}) reads {FORMAT}",
                crate::sanitize::line(format),
                tool_version()
            ),
            SubjectError::Invalid { field, why } => write!(f, "its Report.{field} {why}"),
        }
    }
}

impl std::error::Error for SubjectError {}

/// `chime-prefs 0.1.0`.
pub fn tool_version() -> String {
    format!("chime-prefs {}", env!("CARGO_PKG_VERSION"))
}

/// A time as reports write it: RFC 3339, UTC, whole seconds.
pub fn format_time(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// Read a report's time back.
pub fn parse_time(text: &str) -> Option<SystemTime> {
    humantime::parse_rfc3339_weak(text.trim()).ok()
}

impl Subject {
    /// A subject of `kind` taken now by this version; the caller fills in
    /// the rest.
    pub fn new(kind: ReportKind, captured: SystemTime) -> Subject {
        Subject {
            kind,
            channel_arn: None,
            member_arn: None,
            member_name: None,
            region: None,
            endpoint_url: None,
            profile: None,
            bearer_arn: None,
            admin_arn: None,
            message_id: None,
            message_attributes: None,
            captured_at: format_time(captured),
            tool: tool_version(),
        }
    }

    /// The `"Report"` object: format first, absent fields left out.
    pub fn value(&self) -> Value {
        let mut map = Map::new();
        let mut put = |key: &str, value: Option<&str>| {
            if let Some(value) = value {
                map.insert(key.into(), Value::String(value.to_string()));
            }
        };
        put("Format", Some(FORMAT));
        put("Kind", Some(self.kind.as_str()));
        put("CapturedAt", Some(&self.captured_at));
        put("Tool", Some(&self.tool));
        put("ChannelArn", self.channel_arn.as_deref());
        put("MemberArn", self.member_arn.as_deref());
        put("MemberName", self.member_name.as_deref());
        put("Region", self.region.as_deref());
        put("EndpointUrl", self.endpoint_url.as_deref());
        put("Profile", self.profile.as_deref());
        put("BearerArn", self.bearer_arn.as_deref());
        put("AdminArn", self.admin_arn.as_deref());
        put("MessageId", self.message_id.as_deref());
        put("MessageAttributes", self.message_attributes.as_deref());
        Value::Object(map)
    }

    /// The subject of a whole document (`document["Report"]`).
    pub fn from_document(document: &Value) -> Result<Subject, SubjectError> {
        match document.get(KEY) {
            Some(value) => Subject::from_value(value),
            None => Err(SubjectError::Missing),
        }
    }

    /// Read a `"Report"` object back. The format is checked first: a
    /// document of another version is refused before anything else is
    /// read from it.
    pub fn from_value(value: &Value) -> Result<Subject, SubjectError> {
        let Some(map) = value.as_object() else {
            return Err(SubjectError::Invalid {
                field: "",
                why: "is not an object".into(),
            });
        };
        match map.get("Format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(Value::String(f)) => return Err(SubjectError::UnknownFormat(f.clone())),
            Some(_) => {
                return Err(SubjectError::Invalid {
                    field: "Format",
                    why: "is not a string".into(),
                });
            }
            None => {
                return Err(SubjectError::Invalid {
                    field: "Format",
                    why: "is missing".into(),
                });
            }
        }
        let text = |field: &'static str| -> Result<Option<String>, SubjectError> {
            match map.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(SubjectError::Invalid {
                    field,
                    why: "is not a string".into(),
                }),
            }
        };
        let required = |field: &'static str| -> Result<String, SubjectError> {
            text(field)?.ok_or(SubjectError::Invalid {
                field,
                why: "is missing".into(),
            })
        };
        let kind_text = required("Kind")?;
        let kind = ReportKind::parse(&kind_text).ok_or_else(|| SubjectError::Invalid {
            field: "Kind",
            why: format!(
                "is {:?}: this version knows diagnose, member and scan",
                crate::sanitize::line(&kind_text)
            ),
        })?;
        let captured_at = required("CapturedAt")?;
        if parse_time(&captured_at).is_none() {
            return Err(SubjectError::Invalid {
                field: "CapturedAt",
                why: format!(
                    "is {:?}, not an RFC 3339 time",
                    crate::sanitize::line(&captured_at)
                ),
            });
        }
        Ok(Subject {
            kind,
            captured_at,
            tool: text("Tool")?.unwrap_or_default(),
            channel_arn: text("ChannelArn")?,
            member_arn: text("MemberArn")?,
            member_name: text("MemberName")?,
            region: text("Region")?,
            endpoint_url: text("EndpointUrl")?,
            profile: text("Profile")?,
            bearer_arn: text("BearerArn")?,
            admin_arn: text("AdminArn")?,
            message_id: text("MessageId")?,
            message_attributes: text("MessageAttributes")?,
        })
    }

    /// Say which message a diagnosis judged: its id, or the attributes
    /// given (none for a diagnosis of no particular message).
    pub fn set_message(&mut self, input: &crate::diagnose::MessageInput) {
        use crate::diagnose::MessageInput;
        let (id, attributes) = match input {
            MessageInput::None => (None, None),
            MessageInput::Attributes(a) => (None, Some(a.to_json().to_string())),
            MessageInput::Message { id, .. } => (Some(id.clone()), None),
        };
        self.message_id = id;
        self.message_attributes = attributes;
    }

    /// The document: the `"Report"` object first, then `body`'s keys in
    /// their order.
    pub fn wrap(&self, body: Value) -> Value {
        let mut root = Map::new();
        root.insert(KEY.into(), self.value());
        match body {
            Value::Object(rest) => root.extend(rest),
            other => {
                root.insert("Body".into(), other);
            }
        }
        Value::Object(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn subject() -> Subject {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_000_000);
        let mut s = Subject::new(ReportKind::Diagnose, at);
        s.channel_arn =
            Some("arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support".into());
        s.member_arn =
            Some("arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/bob".into());
        s.member_name = Some("Bob".into());
        s.region = Some("us-east-1".into());
        s.endpoint_url = Some("http://127.0.0.1:4566".into());
        s.message_id = Some("msg-1".into());
        s
    }

    #[test]
    fn round_trips_and_leads_with_the_format() {
        let s = subject();
        let v = s.value();
        assert_eq!(v["Format"], FORMAT);
        assert_eq!(v["Kind"], "diagnose");
        assert_eq!(v["CapturedAt"], "2026-11-30T00:53:20Z");
        assert!(v.get("Profile").is_none(), "absent fields are left out");
        assert_eq!(v["MessageId"], "msg-1");
        let first = v.as_object().and_then(|m| m.keys().next().cloned());
        assert_eq!(first.as_deref(), Some("Format"));
        assert_eq!(Subject::from_value(&v), Ok(s));
    }

    #[test]
    fn the_message_judged_is_named() {
        use crate::diagnose::MessageInput;
        let mut s = subject();
        let mut attrs = crate::filter::Attributes::new();
        attrs.insert("mention", vec!["bob".into()]);
        s.set_message(&MessageInput::Attributes(attrs));
        assert_eq!(s.message_id, None);
        assert_eq!(
            s.message_attributes.as_deref(),
            Some(r#"{"mention":{"StringValues":["bob"]}}"#)
        );
        assert_eq!(Subject::from_value(&s.value()), Ok(s.clone()));
        s.set_message(&MessageInput::None);
        assert_eq!((s.message_id, s.message_attributes), (None, None));
    }

    #[test]
    fn wrap_puts_the_subject_first_and_keeps_the_body() {
        let doc = subject().wrap(serde_json::json!({"Verdict": {"Push": "yes"}, "Checks": []}));
        let keys: Vec<&String> = doc
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["Report", "Verdict", "Checks"]);
        assert_eq!(
            Subject::from_document(&doc).map(|s| s.kind),
            Ok(ReportKind::Diagnose)
        );
    }

    #[test]
    fn other_versions_and_broken_subjects_are_refused_by_name() {
        let mut v = subject().value();
        v["Format"] = "chime-prefs/9".into();
        let err = Subject::from_value(&v).expect_err("unknown format");
        assert!(err.to_string().contains("chime-prefs/9"), "{err}");
        let mut v = subject().value();
        v["Kind"] = "teapot\u{1b}[2J".into();
        let err = Subject::from_value(&v)
            .expect_err("unknown kind")
            .to_string();
        assert!(err.contains("Kind") && !err.contains('\u{1b}'), "{err}");
        let mut v = subject().value();
        v["CapturedAt"] = "yesterday".into();
        assert!(Subject::from_value(&v).is_err());
        assert_eq!(
            Subject::from_document(&serde_json::json!({"Checks": []})),
            Err(SubjectError::Missing)
        );
    }
}
