//! Turn an `SdkError` into a [`CallError`].
//!
//! Classification order: the modelled exception name; when the
//! `x-amzn-ErrorType` header is missing (the SDK then reports no code at all)
//! the body's `Code`; then the HTTP status. Local failures (credentials,
//! region, connection, timeout) are told apart by error type, not by text,
//! except where the SDK keeps the type private (noted below).
//!
//! Nothing here formats an SDK error with `{:?}`: that prints raw bodies.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_chimesdkmessaging::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use crate::error::{CallError, ErrorKind, Evidence};
use crate::operation::Operation;

use super::credentials::{ProcessError, ProfileFacts, assume_role_failure};
use super::http;

const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-RequestId", "x-amz-request-id"];

/// Where the call went, for evidence about a failure.
pub(super) struct Site<'a> {
    pub endpoint: String,
    pub profile: &'a ProfileFacts,
}

pub(super) fn classify<E>(
    operation: Operation,
    err: &SdkError<E, HttpResponse>,
    attempts: u32,
    site: &Site<'_>,
) -> CallError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    let mut out = kind_of(operation, err, site);
    out.attempts = attempts;
    // IAM's denial comes as AccessDeniedException, but proxies and older
    // front ends pass it on as a plain 403: the message says which it is.
    if matches!(
        out.kind,
        ErrorKind::Forbidden | ErrorKind::UnknownCode | ErrorKind::BadRequest
    ) && out.iam_denial().is_some()
    {
        out.kind = ErrorKind::AccessDenied;
    }
    if out.evidence.is_none() && !out.was_sent() && out.kind != ErrorKind::CertificateUntrusted {
        out.evidence = transport_evidence(err, &site.endpoint).map(Box::new);
    }
    out
}

fn kind_of<E>(operation: Operation, err: &SdkError<E, HttpResponse>, site: &Site<'_>) -> CallError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        SdkError::ServiceError(service) => from_response(
            operation,
            service.raw(),
            service.err().code(),
            service.err().message(),
        ),
        SdkError::ResponseError(response) => {
            // A response arrived but could not be read as this operation's.
            let mut e = from_raw(operation, response.raw());
            e.kind = ErrorKind::MalformedResponse;
            if closed_mid_answer(err) {
                e.detail = Some("the connection closed before the whole body arrived".into());
                e.evidence = Some(Box::new(Evidence::ClosedMidAnswer {
                    endpoint: site.endpoint.clone(),
                }));
            } else {
                e.detail = Some("the response body could not be parsed".into());
            }
            e
        }
        SdkError::TimeoutError(_) => CallError::new(operation, ErrorKind::Timeout)
            .with_detail("no complete response within the timeout"),
        SdkError::DispatchFailure(failure) => {
            if let Some(local) = local_failure(operation, err, site.profile) {
                local
            } else if let Some(problem) = super::trust::certificate_problem(err) {
                // Not the network and not a proxy being down: the
                // connection was made and its certificate refused
                // (`call` adds the evidence: it needs one more connection).
                CallError::new(operation, ErrorKind::CertificateUntrusted)
                    .with_detail(format!("the server's certificate {problem}"))
            } else if closed_mid_answer(err) {
                // It connected and was answered in part: not unreachable.
                CallError::new(operation, ErrorKind::MalformedResponse)
                    .with_detail("the connection closed before the whole answer arrived")
                    .with_evidence(Evidence::ClosedMidAnswer {
                        endpoint: site.endpoint.clone(),
                    })
            } else if failure.is_timeout() {
                CallError::new(operation, ErrorKind::Timeout)
                    .with_detail("connection or read timed out")
            } else if failure.is_io() {
                CallError::new(operation, ErrorKind::EndpointUnreachable)
                    .with_detail(io_detail(err))
            } else {
                CallError::new(operation, ErrorKind::EndpointUnreachable)
                    .with_detail(chain_text(err))
            }
        }
        SdkError::ConstructionFailure(_) => local_failure(operation, err, site.profile)
            .unwrap_or_else(|| {
                CallError::new(operation, ErrorKind::NoRegion).with_detail(chain_text(err))
            }),
        // SdkError is non_exhaustive.
        _ => CallError::new(operation, ErrorKind::UnknownCode).with_detail(chain_text(err)),
    }
}

/// Why a request that got no response failed, where the connection shows
/// it: a proxy in the way, or the wrong scheme for the server.
fn transport_evidence<E>(err: &SdkError<E, HttpResponse>, endpoint: &str) -> Option<Evidence>
where
    E: StdError + 'static,
{
    if !matches!(
        err,
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
    ) {
        return None;
    }
    let text = chain_text(err).to_ascii_lowercase();
    if let Some((variable, url)) = http::proxy_for(endpoint) {
        // hyper-util keeps its tunnel error type private: its words.
        if text.contains("proxy authorization required") {
            return Some(Evidence::ProxyAuthRequired { variable, url });
        }
        return Some(Evidence::Proxy { variable, url });
    }
    if endpoint.starts_with("https://") && speaks_plain_http(&text) {
        return Some(Evidence::PlainHttpServer {
            endpoint: endpoint.to_string(),
        });
    }
    if endpoint.starts_with("http://") && text.contains("invalid http version") {
        return Some(Evidence::NotPlainHttp {
            endpoint: endpoint.to_string(),
        });
    }
    None
}

/// The server closed the connection before its whole answer arrived:
/// hyper's incomplete message (nothing or part of the headers), or the end
/// of the stream inside the body.
fn closed_mid_answer(err: &(dyn StdError + 'static)) -> bool {
    sources(err).any(|e| {
        e.downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_incomplete_message)
            || e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::UnexpectedEof)
    })
}

/// rustls reports a plain-HTTP answer to its ClientHello as a record of an
/// invalid content type (its error type is not reachable from here).
fn speaks_plain_http(lower_chain: &str) -> bool {
    lower_chain.contains("invalidcontenttype") || lower_chain.contains("corrupt message")
}

/// Facts every response carries: status and request id.
fn from_raw(operation: Operation, raw: &HttpResponse) -> CallError {
    let mut e = CallError::new(operation, ErrorKind::UnknownCode);
    e.http_status = Some(raw.status().as_u16());
    e.request_id = REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| raw.headers().get(*h))
        .map(str::to_string);
    e
}

fn from_response(
    operation: Operation,
    raw: &HttpResponse,
    code: Option<&str>,
    message: Option<&str>,
) -> CallError {
    let mut e = from_raw(operation, raw);
    let status = e.http_status.unwrap_or(0);
    let body = raw.body().bytes().and_then(parse_error_body);
    if e.request_id.is_none() {
        e.request_id = body.as_ref().and_then(|b| b.request_id.clone());
    }
    let header_type = raw
        .headers()
        .get("x-amzn-ErrorType")
        .map(|t| t.split(':').next().unwrap_or(t).to_string());

    let code = code.map(str::to_string).or(header_type);
    e.message = message
        .map(str::to_string)
        .or_else(|| body.as_ref().and_then(|b| b.message.clone()));
    e.kind = match (&code, &body) {
        (Some(code), _) => ErrorKind::from_exception(code)
            .or_else(|| ErrorKind::from_body_code(code))
            .unwrap_or(ErrorKind::UnknownCode),
        (
            None,
            Some(ErrorBody {
                code: Some(body_code),
                ..
            }),
        ) => ErrorKind::from_body_code(body_code)
            .or_else(|| ErrorKind::from_status(status))
            .unwrap_or(ErrorKind::UnknownCode),
        (None, _) if (200..300).contains(&status) => ErrorKind::MalformedResponse,
        (None, _) => ErrorKind::from_status(status).unwrap_or(ErrorKind::UnknownCode),
    };
    e.code = code.or_else(|| body.and_then(|b| b.code));
    if e.kind == ErrorKind::MalformedResponse {
        e.detail = Some(format!(
            "HTTP {status} with a body that is not this operation's JSON"
        ));
    }
    e
}

struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

/// `{"Code": "...", "Message": "..."}`; AWS front ends also send
/// `{"message": ...}` or `{"__type": ...}`; Pinpoint sends
/// `{"Message": ..., "RequestID": ...}`. IAM's query protocol answers
/// `<ErrorResponse><Error><Code>…</Code><Message>…</Message></Error>
/// <RequestId>…</RequestId></ErrorResponse>`.
fn parse_error_body(bytes: &[u8]) -> Option<ErrorBody> {
    if let Some(xml) = parse_xml_error(bytes) {
        return Some(xml);
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let object = value.as_object()?;
    let text = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| object.get(*k).and_then(|v| v.as_str()))
            .map(|s| s.split('#').next_back().unwrap_or(s).to_string())
    };
    Some(ErrorBody {
        code: text(&["Code", "code", "__type"]),
        message: text(&["Message", "message"]),
        request_id: object
            .get("RequestID")
            .or_else(|| object.get("RequestId"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
    })
}

/// The three elements of an XML error body, by their tags (the SDK has
/// already parsed it for the code; this is the fallback when it did not).
fn parse_xml_error(bytes: &[u8]) -> Option<ErrorBody> {
    let text = std::str::from_utf8(bytes).ok()?;
    if !text.trim_start().starts_with('<') {
        return None;
    }
    let element = |tag: &str| {
        let open = format!("<{tag}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{tag}>"))? + start;
        Some(xml_unescape(&text[start..end]))
    };
    Some(ErrorBody {
        code: element("Code"),
        message: element("Message"),
        request_id: element("RequestId"),
    })
}

fn xml_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn sources<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |e| (*e).source())
}

/// Failures that happen before a request is sent: credentials and region.
fn local_failure<E>(
    operation: Operation,
    err: &SdkError<E, HttpResponse>,
    profile: &ProfileFacts,
) -> Option<CallError>
where
    E: StdError + 'static,
{
    if let Some(process) = sources(err).find_map(|e| e.downcast_ref::<ProcessError>()) {
        return Some(
            CallError::new(operation, ErrorKind::CredentialProcess)
                .with_detail(process.to_string())
                .with_evidence(process.failure.evidence(&process.profile)),
        );
    }
    let creds = sources(err).find_map(|e| e.downcast_ref::<CredentialsError>())?;
    if let Some(role) = assume_role_failure(operation, err, creds, profile) {
        return Some(role);
    }
    let text = chain_text(err);
    // A profile that signs in through SSO and gets no credentials has no
    // valid session: the profile says so, whatever the provider's words.
    if let Some(sso) = profile.sso_evidence() {
        return Some(
            CallError::new(operation, ErrorKind::CredentialsExpired)
                .with_detail(text)
                .with_evidence(sso),
        );
    }
    let kind = match creds {
        CredentialsError::CredentialsNotLoaded(_) => ErrorKind::CredentialsMissing,
        // aws-config keeps its SSO token error type private, so an expired
        // SSO session is recognised by the provider's own wording.
        _ if mentions_expiry(&text) => ErrorKind::CredentialsExpired,
        CredentialsError::ProviderTimedOut(_) => ErrorKind::CredentialsMissing,
        _ => ErrorKind::CredentialsMissing,
    };
    Some(CallError::new(operation, kind).with_detail(text))
}

fn mentions_expiry(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("expired")
        || lower.contains("sso session")
        || lower.contains("token has expired")
}

/// The chain of Display texts. Display of these local errors names causes
/// ("connection refused"), never response bodies.
fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let parts: Vec<String> = sources(err).skip(1).map(|e| e.to_string()).collect();
    let mut deduped: Vec<String> = Vec::new();
    for part in parts {
        if !deduped.iter().any(|d| d.contains(&part)) {
            deduped.push(part);
        }
    }
    if deduped.is_empty() {
        err.to_string()
    } else {
        deduped.join(": ")
    }
}

fn io_detail(err: &(dyn StdError + 'static)) -> String {
    match sources(err).find_map(|e| e.downcast_ref::<std::io::Error>()) {
        Some(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        Some(io) => io.to_string(),
        None => {
            let text = chain_text(err);
            if text.to_ascii_lowercase().contains("dns") {
                format!("DNS lookup failed: {text}")
            } else {
                text
            }
        }
    }
}
