//! A failed call read back from its `"Error"` object (what
//! `crate::output::json::error_value` writes, in every kind of report).
//!
//! What the object does not carry, and how it reads back:
//! - the kind: from the `Code`, by [`ErrorKind::from_code`] (the catalog's
//!   own codes), else [`ErrorKind::from_exception`] (a service's exception
//!   name, kept as the code), else [`ErrorKind::UnknownCode`] keeping the
//!   code verbatim. A code the service sent beside a kind decided by the
//!   HTTP status alone reads back as that code's kind;
//! - message or local detail: `Message` is the service's message, else the
//!   local detail, else the explanation's title. It reads back as a
//!   message when a response arrived (an `HttpStatus`) and as the detail
//!   otherwise, and as neither when it is the title. A malformed response
//!   has a status and a detail; its `Message` reads back as the detail;
//! - the evidence behind the explanation (a proxy, the credential source,
//!   STS): not in the report. The printed `Explanation` and `Retryable`
//!   are kept instead ([`Evidence::Reported`]), sanitised, so the error
//!   renders as it was printed.

use crate::error::{CallError, ErrorKind, Evidence, Rendered};
use crate::operation::Operation;

use super::error::ReadError;
use super::fields::Fields;

/// An operation by its API name, or an error naming the ones known.
pub(crate) fn operation(name: &str, path: &str) -> Result<Operation, ReadError> {
    Operation::from_api_name(name).ok_or_else(|| {
        ReadError::unknown(path, name, Operation::ALL.iter().map(|op| op.api_name()))
    })
}

/// The kind and the code to keep, from a printed `Code`.
fn kind_of(code: &str) -> (ErrorKind, Option<String>) {
    if let Some(kind) = ErrorKind::from_code(code) {
        return (kind, None);
    }
    match ErrorKind::from_exception(code) {
        Some(kind) => (kind, Some(code.to_string())),
        None => (ErrorKind::UnknownCode, Some(code.to_string())),
    }
}

fn text(raw: &str) -> String {
    crate::sanitize::block(raw).into_owned()
}

/// The printed explanation, sanitised; `None` when the object has none.
fn explanation(f: &Fields<'_>, retryable: bool) -> Result<Option<Rendered>, ReadError> {
    let Some(e) = f.opt_object("Explanation")? else {
        return Ok(None);
    };
    let policy = e
        .get("PolicyStatement")
        .and_then(|p| serde_json::to_string(p).ok());
    Ok(Some(Rendered {
        title: text(e.opt_str("Title")?.unwrap_or_default()),
        summary: text(e.opt_str("Summary")?.unwrap_or_default()),
        causes: e.strings("LikelyCauses")?.iter().map(|c| text(c)).collect(),
        next_steps: e.strings("NextSteps")?.iter().map(|s| text(s)).collect(),
        retryable,
        policy,
    }))
}

/// The error object at `f`.
pub(crate) fn call_error(f: &Fields<'_>) -> Result<CallError, ReadError> {
    let op = operation(f.str("Operation")?, &f.path("Operation"))?;
    let code = f.str("Code")?;
    let (kind, kept_code) = kind_of(code);
    let mut err = CallError::new(op, kind);
    err.code = kept_code;
    err.http_status = match f.opt_u64("HttpStatus")? {
        None => None,
        Some(status) => Some(u16::try_from(status).map_err(|_| ReadError::WrongType {
            path: f.path("HttpStatus"),
            expected: "an HTTP status (100 to 599)",
            found: "a number out of range",
        })?),
    };
    err.request_id = f.opt_string("RequestId")?;
    err.region = f.opt_string("Region")?;
    err.attempts = match f.opt_u64("Attempts")? {
        None => 0,
        Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
    };
    let retryable = f.opt_bool("Retryable")?.unwrap_or_else(|| kind.retryable());
    let explained = explanation(f, retryable)?;
    let title = explained.as_ref().map(|e| e.title.as_str());
    if let Some(message) = f.opt_str("Message")? {
        let is_title = title.is_some_and(|t| t == text(message));
        if !is_title {
            if err.was_sent() && kind != ErrorKind::MalformedResponse {
                err.message = Some(message.to_string());
            } else {
                err.detail = Some(message.to_string());
            }
        }
    }
    if let Some(explained) = explained {
        err.evidence = Some(Box::new(Evidence::Reported(Box::new(explained))));
    }
    Ok(err)
}

/// The error object under `key`, if any.
pub(crate) fn opt_call_error(f: &Fields<'_>, key: &str) -> Result<Option<CallError>, ReadError> {
    match f.opt_object(key)? {
        None => Ok(None),
        Some(e) => call_error(&e).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::Context;
    use crate::output::json::error_value;

    fn round_trip(err: &CallError) -> CallError {
        let v = error_value(err, &Context::default());
        let back = call_error(&Fields::of(&v, "Error").expect("object")).expect("reads");
        assert_eq!(error_value(&back, &Context::default()), v, "{err:?}");
        back
    }

    #[test]
    fn codes_map_back_to_kinds_and_unknown_codes_are_kept() {
        let mut teapot = CallError::new(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::UnknownCode,
        );
        teapot.code = Some("TeapotException".into());
        teapot.http_status = Some(418);
        teapot.message = Some("short and stout".into());
        let back = round_trip(&teapot);
        assert_eq!(back.kind, ErrorKind::UnknownCode);
        assert_eq!(back.code.as_deref(), Some("TeapotException"));
        assert_eq!(back.message.as_deref(), Some("short and stout"));

        let mut throttled = CallError::new(Operation::DescribeChannelBan, ErrorKind::Throttled);
        throttled.code = Some("ThrottlingException".into());
        throttled.http_status = Some(429);
        throttled.attempts = 3;
        throttled.request_id = Some("req-1".into());
        let back = round_trip(&throttled);
        assert_eq!(back.kind, ErrorKind::Throttled);
        assert_eq!(
            (back.attempts, back.request_id.as_deref()),
            (3, Some("req-1"))
        );

        for kind in ErrorKind::ALL {
            let back = round_trip(&CallError::new(Operation::GetRole, kind));
            assert_eq!(back.kind, kind);
            assert_eq!(back.message, None, "the title is not a message: {kind:?}");
        }
    }

    #[test]
    fn a_local_detail_reads_back_as_the_detail() {
        let err = CallError::new(Operation::GetApp, ErrorKind::EndpointUnreachable)
            .with_detail("connection refused");
        let back = round_trip(&err);
        assert_eq!(back.detail.as_deref(), Some("connection refused"));
        assert_eq!(back.message, None);
    }

    #[test]
    fn evidence_is_not_in_the_report_but_its_explanation_is_kept() {
        let err = CallError::new(
            Operation::GetChannelMembershipPreferences,
            ErrorKind::EndpointUnreachable,
        )
        .with_evidence(Evidence::Proxy {
            variable: "HTTPS_PROXY".into(),
            url: "http://proxy.example:3128".into(),
        });
        let back = round_trip(&err);
        let printed = crate::explain::explain_error(&err, &Context::default());
        assert_eq!(
            crate::explain::explain_error(&back, &Context::default()),
            printed
        );
        assert!(
            printed.summary.contains("proxy") || printed.title.contains("roxy"),
            "{printed:?}"
        );
    }

    #[test]
    fn hostile_explanations_are_sanitised_when_read() {
        let v = serde_json::json!({
            "Operation": "GetApp",
            "Code": "ForbiddenException",
            "Message": "no\u{1b}[2J",
            "HttpStatus": 403,
            "Explanation": {"Title": "T\u{1b}]0;x\u{7}", "Summary": "s\u{202e}", "LikelyCauses": ["c\u{9b}"], "NextSteps": []}
        });
        let back = call_error(&Fields::of(&v, "Error").expect("object")).expect("reads");
        let shown = crate::explain::explain_error(&back, &Context::default());
        let all = format!("{}{}{}", shown.title, shown.summary, shown.causes.join(""));
        assert!(!all.chars().any(crate::sanitize::is_unsafe), "{all:?}");
        assert_eq!(
            back.message.as_deref(),
            Some("no\u{1b}[2J"),
            "server text is kept as data"
        );
    }

    #[test]
    fn wrong_types_are_named() {
        let v = serde_json::json!({"Operation": "GetApp", "Code": "X", "HttpStatus": "403"});
        let err =
            call_error(&Fields::of(&v, "Checks[2].Error").expect("object")).expect_err("type");
        assert_eq!(
            err.to_string(),
            "its Checks[2].Error.HttpStatus is a string, not a whole number"
        );
        let v = serde_json::json!({"Operation": "PutEverything", "Code": "X"});
        let err = call_error(&Fields::of(&v, "Error").expect("object")).expect_err("op");
        assert!(
            err.to_string().contains("PutEverything") && err.to_string().contains("GetApp"),
            "{err}"
        );
    }
}
