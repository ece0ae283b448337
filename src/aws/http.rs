//! The HTTP clients: one for HTTPS (real AWS), one for plain-HTTP
//! endpoints (the demo service, a local stack), and which proxy, if any,
//! a connection goes through.

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Builder, Connector};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

/// HTTPS, with the proxy the environment names (`HTTPS_PROXY`,
/// `ALL_PROXY`, `NO_PROXY`, as curl reads them): the SDK's default client
/// ignores them, which leaves users behind a corporate proxy with a
/// connection that never leaves. The system's CA store is loaded when the
/// first request is made, not when the client is built.
pub(super) fn https_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut builder = Connector::builder();
        builder.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            builder.set_sleep_impl(components.sleep_impl());
        }
        builder
            .proxy_config(ProxyConfig::from_env())
            .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
            .build()
    })
}

/// For a plain-HTTP endpoint: a client that does not load the system's CA
/// certificates. The default client loads them before its first request,
/// whatever the scheme, and that costs more than a whole loopback lookup.
/// No TLS is spoken, so no root is needed. It connects directly: a local
/// endpoint is not reached through a proxy.
pub(super) fn plain_http_client() -> Option<SharedHttpClient> {
    let context = TlsContext::builder()
        .with_trust_store(TrustStore::empty())
        .build()
        .ok()?;
    Some(
        Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
            .tls_context(context)
            .build_https(),
    )
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
