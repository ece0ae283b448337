//! Which proxy, if any, a connection goes through (the connections
//! themselves are `super::connector`'s).

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
