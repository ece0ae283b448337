//! The HTTP clients: one for HTTPS (real AWS), one for plain-HTTP
//! endpoints (the demo service, a local stack), and which proxy, if any,
//! a connection goes through.

use std::sync::Arc;

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Builder, Connector};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

use super::trust::Trust;

/// HTTPS, with the proxy the environment names (`HTTPS_PROXY`,
/// `ALL_PROXY`, `NO_PROXY`, as curl reads them): the SDK's default client
/// ignores them, which leaves users behind a corporate proxy with a
/// connection that never leaves. The trust store ([`Trust`]) is read when
/// the first connection is made, not when the client is built.
pub(super) fn https_client(trust: Arc<Trust>) -> SharedHttpClient {
    Builder::new().build_with_connector_fn(move |settings, components| {
        let mut builder = Connector::builder();
        builder.set_connector_settings(settings.cloned());
        if settings.is_none() && components.is_none() {
            // The SDK's check of a client it builds (aws-config's STS client
            // for web identity, while it loads): the connector is dropped
            // at once, so it gets no TLS and the trust store is not read.
            return builder.build_http();
        }
        if let Some(components) = components {
            builder.set_sleep_impl(components.sleep_impl());
        }
        builder
            .proxy_config(ProxyConfig::from_env())
            .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
            .tls_context(trust.tls_context())
            .build()
    })
}

/// For a plain-HTTP endpoint (the demo service, a local stack): no TLS at
/// all, so no trust store is read. It connects directly: a local endpoint
/// is not reached through a proxy.
pub(super) fn plain_http_client() -> SharedHttpClient {
    Builder::new().build_http()
}

/// The proxy a connection to `uri` is tunnelled through, as the HTTPS
/// client would choose it: its `host:port` and `Proxy-Authorization`.
pub(super) fn tunnel_for(uri: &http::Uri) -> Option<(String, Option<String>)> {
    let intercept = hyper_util::client::proxy::matcher::Matcher::from_env().intercept(uri)?;
    let proxy = intercept.uri();
    let authority = format!("{}:{}", proxy.host()?, proxy.port_u16().unwrap_or(80));
    let auth = intercept
        .basic_auth()
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    Some((authority, auth))
}

/// The proxy an HTTPS request to `url` goes through, as the environment
/// sets it: the variable's name and the proxy's URL without credentials.
pub(super) fn proxy_for(url: &str) -> Option<(String, String)> {
    if !url.starts_with("https://") {
        return None;
    }
    let uri: http::Uri = url.parse().ok()?;
    let intercept = hyper_util::client::proxy::matcher::Matcher::from_env().intercept(&uri)?;
    let variable = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .into_iter()
        .find(|v| std::env::var(v).is_ok_and(|value| !value.is_empty()))?;
    Some((
        variable.to_string(),
        without_credentials(&intercept.uri().to_string()),
    ))
}

/// `http://user:secret@proxy:3128/` -> `http://proxy:3128/`: a proxy
/// password never reaches the screen or a log.
fn without_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://{}", host.trim_end_matches('/'))
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_passwords_are_dropped() {
        assert_eq!(
            without_credentials("http://user:s3cret@proxy.corp:3128/"),
            "http://proxy.corp:3128"
        );
        assert_eq!(
            without_credentials("http://127.0.0.1:3128"),
            "http://127.0.0.1:3128"
        );
    }
}
