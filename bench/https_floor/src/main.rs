//! The HTTPS floor for `get`: the smallest process that makes the same
//! GetChannelMembershipPreferences request as bench/floor_probe.rs, over
//! TLS with rustls (AWS-LC, as chime-prefs), trusting what chime-prefs
//! trusts: the system's bundle file (`SSL_CERT_FILE` or the platform's)
//! plus `AWS_CA_BUNDLE`. Blocking I/O, no runtime, no SDK, no signature.
//!
//! Usage: https_floor https://HOST:PORT CHANNEL_ARN MEMBER_ARN

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len() * 2);
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn add_file(roots: &mut RootCertStore, path: &std::path::Path) {
    if let Ok(iter) = CertificateDer::pem_file_iter(path) {
        roots.add_parsable_certificates(iter.filter_map(Result::ok));
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, channel, member] = args.as_slice() else {
        eprintln!("usage: https_floor https://HOST:PORT CHANNEL_ARN MEMBER_ARN");
        return ExitCode::from(2);
    };
    let addr = url.trim_start_matches("https://").trim_end_matches('/');
    let host = addr.rsplit_once(':').map_or(addr, |(h, _)| h).to_string();
    let mut roots = RootCertStore::empty();
    if let Some(file) = std::env::var_os("SSL_CERT_FILE")
        .map(std::path::PathBuf::from)
        .or_else(|| openssl_probe::probe().cert_file)
    {
        add_file(&mut roots, &file);
    }
    if let Some(extra) = std::env::var_os("AWS_CA_BUNDLE") {
        add_file(&mut roots, std::path::Path::new(&extra));
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map(|b| b.with_root_certificates(roots).with_no_client_auth());
    let Ok(config) = config else {
        eprintln!("no TLS configuration");
        return ExitCode::from(1);
    };
    let Ok(name) = ServerName::try_from(host) else {
        eprintln!("bad host in {url}");
        return ExitCode::from(2);
    };
    let Ok(mut conn) = rustls::ClientConnection::new(Arc::new(config), name) else {
        eprintln!("no TLS connection");
        return ExitCode::from(1);
    };
    let mut sock = match TcpStream::connect(addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("connect {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let _ = sock.set_nodelay(true);
    let request = format!(
        "GET /channels/{}/memberships/{}/preferences HTTP/1.1\r\n\
         Host: {addr}\r\n\
         x-amz-chime-bearer: {member}\r\n\
         x-amz-date: 20261201T000000Z\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIDEMOCHIMEPREFS00/20261201/us-east-1/chime/aws4_request, \
         SignedHeaders=host;x-amz-chime-bearer;x-amz-date, \
         Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n\
         Connection: close\r\n\r\n",
        encode(channel),
        encode(member),
    );
    let mut tls = rustls::Stream::new(&mut conn, &mut sock);
    if let Err(e) = tls.write_all(request.as_bytes()) {
        eprintln!("write: {e}");
        return ExitCode::from(1);
    }
    let mut response = Vec::with_capacity(1024);
    // A server that closes without close_notify ends the read with an
    // error after the whole body: what was read is what counts.
    let _ = tls.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        eprintln!("no HTTP response");
        return ExitCode::from(1);
    };
    if !head.starts_with("HTTP/1.1 200") {
        eprintln!("{}", head.lines().next().unwrap_or(""));
        return ExitCode::from(1);
    }
    println!("{body}");
    ExitCode::SUCCESS
}
