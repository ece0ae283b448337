//! The physical floor for `get`: the smallest process that makes the same
//! GetChannelMembershipPreferences request to the demo service and prints the
//! body. Standard library only, one `TcpStream`, no runtime, no SDK.
//!
//! It sends a SigV4-shaped `Authorization` header without computing the
//! signature (the demo service checks the header's shape, not the HMAC);
//! signing costs a few microseconds, well under the noise of a process start.
//!
//! Usage: floor_probe HOST:PORT CHANNEL_ARN MEMBER_ARN

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, addr, channel, member] = args.as_slice() else {
        eprintln!("usage: floor_probe HOST:PORT CHANNEL_ARN MEMBER_ARN");
        return ExitCode::from(2);
    };
    let addr = addr
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
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
    let mut stream = match TcpStream::connect(&addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("connect {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let _ = stream.set_nodelay(true);
    if let Err(e) = stream.write_all(request.as_bytes()) {
        eprintln!("write: {e}");
        return ExitCode::from(1);
    }
    let mut response = Vec::with_capacity(1024);
    if let Err(e) = stream.read_to_end(&mut response) {
        eprintln!("read: {e}");
        return ExitCode::from(1);
    }
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
