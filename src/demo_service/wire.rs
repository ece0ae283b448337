//! The restJson1 envelope: JSON answers and the error shape
//! (`x-amzn-ErrorType` header plus `{"Code": ..., "Message": ...}`). The
//! operations' bodies are in bodies.rs.

use std::borrow::Cow;

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::operation::Service;

pub(super) const ERROR_TYPE_HEADER: HeaderName = HeaderName::from_static("x-amzn-errortype");
pub(super) const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// An error answer in the restJson1 shape the AWS SDKs parse.
#[derive(Debug, Clone)]
pub(super) struct ApiError {
    status: StatusCode,
    error_type: &'static str,
    code: &'static str,
    message: String,
    send_error_type: bool,
    lowercase_message: bool,
}

impl ApiError {
    pub(super) fn new(
        status: StatusCode,
        error_type: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error_type,
            code,
            message: message.into(),
            send_error_type: true,
            lowercase_message: false,
        }
    }

    pub(super) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "BadRequest",
            message,
        )
    }

    /// 400 BadRequestException with Code `NotFound`: what operations that
    /// model no 404 answer for a missing channel or member.
    pub(super) fn bad_request_not_found(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "NotFound",
            message,
        )
    }

    /// 404 NotFoundException (DescribeChannelMembership: not a member;
    /// DescribeChannelBan: not banned; GetChannelMessage: no such message).
    pub(super) fn not_found(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            "NotFound",
            message,
        )
    }

    pub(super) fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "UnauthorizedClientException",
            "Unauthorized",
            message,
        )
    }

    pub(super) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "ForbiddenException",
            "Forbidden",
            message,
        )
    }

    pub(super) fn throttled() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "ThrottledClientException",
            "Throttled",
            "Rate exceeded",
        )
    }

    pub(super) fn unavailable(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailableException",
            "ServiceUnavailable",
            message,
        )
    }

    pub(super) fn service_failure(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "ServiceFailureException",
            "ServiceFailure",
            message,
        )
    }

    /// A 403 raised by the (fake) SigV4 front door; its body also carries the
    /// lowercase `message` key that AWS's authentication errors use.
    pub(super) fn auth(error_type: &'static str, code: &'static str, message: &str) -> Self {
        let mut error = Self::new(StatusCode::FORBIDDEN, error_type, code, message);
        error.lowercase_message = true;
        error
    }

    /// 403 AccessDeniedException from IAM, before the service sees the call:
    /// as AWS sends it, with a Coral suffix on `x-amzn-ErrorType` and the
    /// message under both `message` and `Message`.
    pub(super) fn access_denied(message: impl Into<String>) -> Self {
        let message = message.into();
        let mut error = Self::auth("AccessDeniedException", "AccessDenied", &message);
        error.error_type =
            "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/";
        error
    }

    /// Leaves out the `x-amzn-ErrorType` header (a deliberate fault).
    pub(super) fn without_error_type(mut self) -> Self {
        self.send_error_type = false;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = Map::new();
        if self.lowercase_message {
            body.insert("message".into(), Value::String(self.message.clone()));
        }
        body.insert("Code".into(), Value::String(self.code.into()));
        body.insert("Message".into(), Value::String(self.message));
        let mut response = json_response(self.status, &Value::Object(body));
        let headers = response.headers_mut();
        if self.send_error_type {
            headers.insert(ERROR_TYPE_HEADER, HeaderValue::from_static(self.error_type));
        }
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET"));
        }
        response
    }
}

impl ApiError {
    /// The error as `service` sends it: Chime's restJson1 shape, Pinpoint's
    /// `{"Message", "RequestID"}` with `x-amzn-ErrorType`, or IAM's XML
    /// `ErrorResponse` (`NoSuchEntity`, `Throttling`, ...).
    pub(super) fn into_service_response(
        self,
        service: Option<Service>,
        request_id: &str,
    ) -> Response {
        match service {
            Some(Service::Iam) => self.into_iam_response(request_id),
            Some(Service::Pinpoint) => {
                let body = serde_json::json!({"Message": self.message, "RequestID": request_id});
                let mut response = json_response(self.status, &body);
                let headers = response.headers_mut();
                if self.send_error_type {
                    headers.insert(ERROR_TYPE_HEADER, HeaderValue::from_static(self.error_type));
                }
                if self.status == StatusCode::METHOD_NOT_ALLOWED {
                    headers.insert(header::ALLOW, HeaderValue::from_static("GET"));
                }
                response
            }
            _ => self.into_response(),
        }
    }

    fn into_iam_response(self, request_id: &str) -> Response {
        let code = match self.code {
            "NotFound" => "NoSuchEntity",
            "Throttled" => "Throttling",
            "BadRequest" => "InvalidInput",
            other => other,
        };
        let kind = if self.status.is_server_error() {
            "Receiver"
        } else {
            "Sender"
        };
        let body = format!(
            "<ErrorResponse xmlns=\"{IAM_NAMESPACE}\">\n  <Error>\n    <Type>{kind}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{}</RequestId>\n</ErrorResponse>\n",
            xml_escape(code),
            xml_escape(&self.message),
            xml_escape(request_id)
        );
        let mut response = xml_response(self.status, body);
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        response
    }
}

/// IAM's XML namespace.
pub(super) const IAM_NAMESPACE: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

/// An XML answer with `Content-Type: text/xml`, as IAM sends.
pub(super) fn xml_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    response
}

/// Text as XML character data (element content: quotes need no escape).
pub(super) fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A JSON answer with `Content-Type: application/json`.
pub(super) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Client-supplied text as it may be echoed in an error message: short printable
/// ASCII as is, anything else replaced by a placeholder.
pub(super) fn shown(text: &str) -> Cow<'_, str> {
    if text.len() <= 256 && text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Cow::Borrowed(text)
    } else {
        Cow::Borrowed("(value not shown)")
    }
}
