//! Which certificate authorities an HTTPS connection trusts, and what to say
//! when the server's certificate is not one of theirs.
//!
//! The trust store is the system's (the file `SSL_CERT_FILE` names, else the
//! platform's bundle file, else the directory `SSL_CERT_DIR` names), plus the
//! extra bundle the AWS CLI would read: `AWS_CA_BUNDLE`, else the profile's
//! `ca_bundle`. It is read once per process, by the first HTTPS connection,
//! and never for a plain-HTTP endpoint.
//!
//! The system bundle file is read alone: the certificate directory next to
//! it holds the same certificates one per file, and reading both cost more
//! than the rest of the trust store (BENCHMARKS.md, "The real path is
//! HTTPS"). The directory is read only when there is no bundle file.
//!
//! rustls says *that* a certificate is not trusted, not *whose* it is: when
//! a call fails on the certificate, [`Trust::evidence`] opens one more
//! connection, reads the chain the server presents, and names its issuer.
//! That connection is closed during the handshake: nothing is sent on it.

use std::error::Error as StdError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rustls::RootCertStore;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};
use rustls_pki_types::pem::PemObject;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::error::Evidence;

/// The extra certificate authorities to trust, named the way the user set
/// them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExtraBundle {
    /// `AWS_CA_BUNDLE`, or `ca_bundle (profile NAME)`.
    pub setting: String,
    pub path: PathBuf,
}

impl ExtraBundle {
    /// `AWS_CA_BUNDLE` if set, else the profile's `ca_bundle`: the order the
    /// AWS CLI reads them in.
    pub(crate) fn from_settings(profile_bundle: Option<&str>, profile: &str) -> Option<Self> {
        if let Some(path) = std::env::var_os("AWS_CA_BUNDLE").filter(|p| !p.is_empty()) {
            return Some(ExtraBundle {
                setting: "AWS_CA_BUNDLE".into(),
                path: expand_home(Path::new(&path)),
            });
        }
        profile_bundle
            .filter(|p| !p.is_empty())
            .map(|path| ExtraBundle {
                setting: format!("ca_bundle (profile {profile})"),
                path: expand_home(Path::new(path)),
            })
    }

    fn describe(&self) -> String {
        format!("{}={}", self.setting, self.path.display())
    }
}

fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), dirs::home_dir()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

/// The trust store every HTTPS client uses, loaded on first use.
#[derive(Debug)]
pub(crate) struct Trust {
    extra: Option<ExtraBundle>,
    loaded: OnceLock<Loaded>,
}

#[derive(Debug)]
struct Loaded {
    config: Arc<rustls::ClientConfig>,
    /// What became of the extra bundle, for the explanation.
    extra_note: Option<String>,
}

impl Trust {
    pub(crate) fn new(extra: Option<ExtraBundle>) -> Arc<Trust> {
        Arc::new(Trust {
            extra,
            loaded: OnceLock::new(),
        })
    }

    /// The TLS client configuration: the store is read from disk the
    /// first time.
    pub(crate) fn client_config(&self) -> Arc<rustls::ClientConfig> {
        Arc::clone(&self.loaded().config)
    }

    fn loaded(&self) -> &Loaded {
        self.loaded.get_or_init(|| load(self.extra.as_ref()))
    }

    /// Whether the store has been read (tests: a plain-HTTP run never reads
    /// it).
    #[cfg(test)]
    pub(crate) fn is_loaded(&self) -> bool {
        self.loaded.get().is_some()
    }

    /// Evidence for a call whose TLS handshake failed on the certificate:
    /// which host, why, the issuer the server presented (read over one more
    /// connection, within `budget`) and the extra bundle in use.
    pub(crate) async fn evidence(
        &self,
        endpoint: &str,
        problem: &str,
        budget: Duration,
    ) -> Evidence {
        let uri: Option<http::Uri> = endpoint.parse().ok();
        let host = uri.as_ref().and_then(|u| {
            let host = u.host()?;
            Some(format!("{host}:{}", u.port_u16().unwrap_or(443)))
        });
        let proxy = super::http::proxy_for(endpoint).map(|(_, url)| url);
        let issuer = match &uri {
            Some(uri) => tokio::time::timeout(budget.min(PROBE_TIMEOUT), presented_issuer(uri))
                .await
                .ok()
                .flatten(),
            None => None,
        };
        let bundle = self.extra.as_ref().map(|extra| {
            match self.loaded.get().and_then(|l| l.extra_note.clone()) {
                Some(note) => format!("{} ({note})", extra.describe()),
                None => extra.describe(),
            }
        });
        Evidence::Certificate {
            host: host.unwrap_or_else(|| endpoint.to_string()),
            problem: problem.to_string(),
            issuer,
            proxy,
            bundle,
        }
    }
}

const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

fn load(extra: Option<&ExtraBundle>) -> Loaded {
    let mut roots = RootCertStore::empty();
    let (system, _) = roots.add_parsable_certificates(system_certificates());
    let extra_note = extra.map(|extra| match read_pem_file(&extra.path) {
        Ok(certs) => {
            let (usable, _) = roots.add_parsable_certificates(certs);
            if usable == 0 {
                tracing::warn!(
                    "trust store: {} holds no usable certificate",
                    extra.describe()
                );
                "holds no usable certificate".to_string()
            } else {
                format!(
                    "{usable} certificate{} added",
                    if usable == 1 { "" } else { "s" }
                )
            }
        }
        Err(problem) => {
            tracing::warn!("trust store: {}: {problem}", extra.describe());
            format!("could not be read: {problem}")
        }
    });
    tracing::debug!(system, total = roots.len(), "trust store loaded");
    let mut config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map(|b| b.with_root_certificates(roots).with_no_client_auth())
        .unwrap_or_else(|_| {
            // Unreachable with AWS-LC's provider, which has every protocol
            // version; an empty store then refuses every certificate.
            rustls::ClientConfig::builder()
                .with_root_certificates(RootCertStore::empty())
                .with_no_client_auth()
        });
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Loaded {
        config: Arc::new(config),
        extra_note,
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The system's certificate authorities: the bundle file (`SSL_CERT_FILE`
/// or the platform's), read alone; the certificate directory only when
/// there is no bundle file.
fn system_certificates() -> Vec<CertificateDer<'static>> {
    let from_env = std::env::var_os("SSL_CERT_FILE").filter(|p| !p.is_empty());
    let file = from_env
        .map(PathBuf::from)
        .or_else(|| openssl_probe::probe().cert_file);
    if let Some(file) = file {
        match read_pem_file(&file) {
            Ok(certs) if !certs.is_empty() => return certs,
            Ok(_) => tracing::warn!(
                "trust store: {} holds no certificate; reading the system's instead",
                file.display()
            ),
            Err(problem) => tracing::warn!(
                "trust store: {}: {problem}; reading the system's instead",
                file.display()
            ),
        }
    }
    let result = rustls_native_certs::load_native_certs();
    for error in &result.errors {
        tracing::warn!("trust store: {error}");
    }
    result.certs
}

/// Every certificate in a PEM file; an error if the file cannot be read or
/// a certificate in it is malformed.
fn read_pem_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("not a PEM certificate file ({e})"))
}

/// What is wrong with the server's certificate, when `err` is a TLS
/// handshake that failed on it. hyper-rustls nests rustls' error inside
/// `io::Error`s, whose `source()` skips their payload: both are walked.
pub(super) fn certificate_problem(err: &(dyn StdError + 'static)) -> Option<String> {
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(rustls::Error::InvalidCertificate(cert)) = e.downcast_ref::<rustls::Error>() {
            return Some(describe(cert));
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            && let Some(found) = certificate_problem(inner)
        {
            return Some(found);
        }
        next = e.source();
    }
    None
}

fn describe(err: &CertificateError) -> String {
    match err {
        CertificateError::UnknownIssuer => {
            "is issued by a certificate authority that is not trusted here".into()
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => "has expired".into(),
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "is not valid yet".into()
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            "is not valid for this host name".into()
        }
        CertificateError::Revoked => "is revoked".into(),
        CertificateError::BadSignature => "has a bad signature".into(),
        other => format!("could not be verified ({other})"),
    }
}

/// The issuer named by the last certificate the server presents: the
/// authority that would have to be trusted.
async fn presented_issuer(uri: &http::Uri) -> Option<String> {
    let host = uri.host()?.trim_start_matches('[').trim_end_matches(']');
    let port = uri.port_u16().unwrap_or(443);
    let stream = match super::http::tunnel_for(uri) {
        Some((proxy, auth)) => tunnel(&proxy, host, port, auth.as_deref()).await?,
        None => TcpStream::connect((host, port)).await.ok()?,
    };
    let recorder = Arc::new(ChainRecorder::default());
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .ok()?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_string()).ok()?;
    // The recorder refuses every certificate, so the handshake stops here.
    let _ = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, stream)
        .await;
    let chain = recorder.chain.lock().ok()?.clone();
    let last = chain.last()?;
    let cert = webpki::EndEntityCert::try_from(last).ok()?;
    distinguished_name(cert.issuer())
}

/// A CONNECT tunnel through the proxy at `proxy` (`host:port`).
async fn tunnel(proxy: &str, host: &str, port: u16, auth: Option<&str>) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(proxy).await.ok()?;
    let target = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let mut request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(auth) = auth {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 8192 || stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let status = head.split(|b| *b == b' ').nth(1)?;
    (status == b"200").then_some(stream)
}

#[derive(Debug, Default)]
struct ChainRecorder {
    chain: Mutex<Vec<CertificateDer<'static>>>,
}

impl ServerCertVerifier for ChainRecorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut chain) = self.chain.lock() {
            chain.push(end_entity.clone().into_owned());
            chain.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        }
        Err(rustls::Error::InvalidCertificate(
            CertificateError::UnknownIssuer,
        ))
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not verified".into()))
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General("not verified".into()))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        rustls::crypto::aws_lc_rs::default_provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// `CN=..., O=..., OU=..., C=...` from a DER Name's contents (the RDN
/// sequence without its outer tag), with the parts people recognise.
fn distinguished_name(rdns: &[u8]) -> Option<String> {
    const NAMES: [(&[u8], &str); 4] = [
        (&[0x55, 0x04, 0x03], "CN"),
        (&[0x55, 0x04, 0x0a], "O"),
        (&[0x55, 0x04, 0x0b], "OU"),
        (&[0x55, 0x04, 0x06], "C"),
    ];
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut sets = rdns;
    while let Some((0x31, set, rest)) = tlv(sets) {
        sets = rest;
        let mut attrs = set;
        while let Some((0x30, attr, rest)) = tlv(attrs) {
            attrs = rest;
            let Some((0x06, oid, value)) = tlv(attr) else {
                continue;
            };
            let Some((tag, text, _)) = tlv(value) else {
                continue;
            };
            if let Some(rank) = NAMES.iter().position(|(o, _)| *o == oid)
                && let Some(text) = string_value(tag, text)
            {
                found.push((rank, format!("{}={}", NAMES[rank].1, text)));
            }
        }
    }
    found.sort_by_key(|(rank, _)| *rank);
    let text = found
        .into_iter()
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(", ");
    (!text.is_empty()).then(|| crate::sanitize::line(&text).into_owned())
}

fn string_value(tag: u8, bytes: &[u8]) -> Option<String> {
    match tag {
        // UTF8String, PrintableString, IA5String, TeletexString
        0x0c | 0x13 | 0x16 | 0x14 => Some(String::from_utf8_lossy(bytes).into_owned()),
        // BMPString
        0x1e => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

/// One DER tag-length-value: (tag, contents, what follows).
fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_ca() -> CertificateDer<'static> {
        let pem = include_bytes!("../../tests/fixtures/tls/ca.pem");
        CertificateDer::pem_slice_iter(pem)
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("the fixture CA parses"))
    }

    #[test]
    fn the_issuer_is_named_by_its_common_name_and_organisation() {
        let ca = test_ca();
        let cert = webpki::EndEntityCert::try_from(&ca).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            distinguished_name(cert.issuer()).as_deref(),
            Some("CN=Example Corp TLS Inspection CA, O=Example Corp")
        );
    }

    #[test]
    fn control_characters_in_a_name_are_escaped() {
        // SET { SEQUENCE { OID 2.5.4.3, UTF8String "a\x1bb" } }
        let rdn = [
            0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x03, b'a', 0x1b, b'b',
        ];
        assert_eq!(distinguished_name(&rdn).as_deref(), Some("CN=a\\eb"));
        assert_eq!(distinguished_name(&rdn[..5]), None, "truncated");
    }

    #[test]
    fn a_certificate_error_is_found_inside_nested_io_errors() {
        let rejection = std::io::Error::other(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
        ));
        let problem = certificate_problem(&rejection);
        assert_eq!(
            problem.as_deref(),
            Some("is issued by a certificate authority that is not trusted here")
        );
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(certificate_problem(&refused), None);
    }
}
