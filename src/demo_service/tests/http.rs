//! A tiny raw HTTP/1.1 client over a TcpStream: one request per connection.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A parsed HTTP response.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn error_type(&self) -> Option<&str> {
        self.header("x-amzn-ErrorType")
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.text()))
    }

    /// Asserts a UUID-shaped `x-amzn-RequestId` and returns it.
    pub(crate) fn request_id(&self) -> String {
        let id = self
            .header("x-amzn-RequestId")
            .unwrap_or_else(|| panic!("no request id on {} {:?}", self.status, self.text()));
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "request id {id}");
        assert!(id.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()));
        id.to_string()
    }
}

/// Sends `bytes` as they are and reads the whole answer (the server closes the
/// connection because the request says `Connection: close`).
pub(crate) async fn raw(addr: SocketAddr, bytes: &[u8]) -> Reply {
    tokio::time::timeout(Duration::from_secs(20), async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(bytes).await.expect("write request");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.expect("read answer");
        parse(&answer, bytes.starts_with(b"HEAD "))
    })
    .await
    .expect("the demo server answered within 20 s")
}

/// Sends one request with the given extra headers.
pub(crate) async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Reply {
    raw(addr, &request_bytes(addr, method, path, headers)).await
}

pub(crate) fn request_bytes(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// Parses an answer; `head`: the request was HEAD, so there is no body.
fn parse(answer: &[u8], is_head: bool) -> Reply {
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {:?}", String::from_utf8_lossy(answer)));
    let head = std::str::from_utf8(&answer[..end]).expect("ASCII head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &answer[end + 4..];
    let mut reply = Reply {
        status,
        headers,
        body: Vec::new(),
    };
    reply.body = if is_head {
        Vec::new()
    } else if let Some(len) = reply.header("content-length") {
        let len: usize = len.parse().expect("content-length");
        rest[..len].to_vec()
    } else if reply
        .header("transfer-encoding")
        .is_some_and(|te| te.eq_ignore_ascii_case("chunked"))
    {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    reply
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size");
        let size_text = std::str::from_utf8(&rest[..line_end]).expect("chunk size text");
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("hex chunk size");
        rest = &rest[line_end + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}
