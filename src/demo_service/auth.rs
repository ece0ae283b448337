//! The fake SigV4 front door: checks that `Authorization` *looks* like a
//! SigV4 header scoped to the operation's signing name (`chime`,
//! `mobiletargeting` or `iam`). The signature itself is
//! NOT verified (any secret key works); the access key ID only selects the
//! credential faults:
//!
//! - starts with `EXPIRED` → 403 ExpiredTokenException
//! - starts with `INVALID` → 403 UnrecognizedClientException

use axum::http::{HeaderMap, header};

use super::wire::ApiError;
use crate::operation::Service;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Checks the request's `Authorization` and date headers for a call to
/// `service`, and returns the access key ID (which picks the IAM world the
/// caller sees, push_setup.rs).
pub(super) fn check(headers: &HeaderMap, service: Service) -> Result<String, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::auth(
            "MissingAuthenticationTokenException",
            "MissingAuthenticationToken",
            "Missing Authentication Token",
        ));
    };
    let value = value
        .to_str()
        .map_err(|_| incomplete("Authorization header is not printable ASCII."))?;
    let access_key_id = parse(value, service.signing_name())?;
    if !headers.contains_key("x-amz-date") && !headers.contains_key(header::DATE) {
        return Err(incomplete(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        ));
    }
    if access_key_id.starts_with("EXPIRED") {
        return Err(ApiError::auth(
            "ExpiredTokenException",
            "ExpiredToken",
            "The security token included in the request is expired",
        ));
    }
    if access_key_id.starts_with("INVALID") {
        return Err(ApiError::auth(
            "UnrecognizedClientException",
            "UnrecognizedClient",
            "The security token included in the request is invalid.",
        ));
    }
    Ok(access_key_id.to_string())
}

fn incomplete(message: &str) -> ApiError {
    ApiError::auth(
        "IncompleteSignatureException",
        "IncompleteSignature",
        message,
    )
}

/// Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/chime/aws4_request,
/// SignedHeaders=a;b, Signature=HEX` and returns the access key ID.
fn parse<'a>(value: &'a str, signing_name: &str) -> Result<&'a str, ApiError> {
    let params = value
        .strip_prefix(ALGORITHM)
        .filter(|rest| rest.starts_with(' '))
        .ok_or_else(|| {
            incomplete("Unsupported Authorization header: expected the AWS4-HMAC-SHA256 algorithm.")
        })?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for param in params.split(',') {
        match param.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed_headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => {}
        }
    }
    let mut missing = String::new();
    for (name, present) in [
        ("Credential", credential.is_some()),
        ("Signature", signature.is_some()),
        ("SignedHeaders", signed_headers.is_some()),
    ] {
        if !present {
            missing.push_str(&format!(
                "Authorization header requires '{name}' parameter. "
            ));
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(incomplete(missing.trim_end()));
    };
    let signed: Vec<&str> = signed_headers.split(';').collect();
    let well_formed_names = signed.iter().all(|name| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    if !well_formed_names || !signed.contains(&"host") {
        return Err(incomplete(
            "SignedHeaders must be lowercase header names separated by ';' and include 'host'.",
        ));
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(incomplete("Signature must be 64 hexadecimal digits."));
    }
    parse_credential(credential, signing_name)
}

fn parse_credential<'a>(credential: &'a str, signing_name: &str) -> Result<&'a str, ApiError> {
    let parts: Vec<&str> = credential.split('/').collect();
    let [key, date, region, service, terminator] = parts.as_slice() else {
        return Err(incomplete(
            "Credential must have the form ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request.",
        ));
    };
    if key.is_empty() || key.len() > 128 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(incomplete("Credential has a malformed access key ID."));
    }
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return Err(incomplete("Credential date must be YYYYMMDD."));
    }
    let region_ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !region_ok {
        return Err(incomplete("Credential has a malformed region."));
    }
    if *terminator != "aws4_request" {
        return Err(incomplete(
            "Credential should be scoped with a valid terminator: 'aws4_request'.",
        ));
    }
    if *service != signing_name {
        return Err(ApiError::auth(
            "InvalidSignatureException",
            "InvalidSignature",
            &format!("Credential should be scoped to correct service: '{signing_name}'."),
        ));
    }
    Ok(key)
}
