//! A tiny HTTP server on 127.0.0.1 for tests of the real SDK clients: it
//! records every request (method, raw path, query, headers) and answers
//! with what the test's function says. No mocks of the SDK: the clients
//! speak HTTP to it as they would to AWS.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Response, StatusCode};

use chime_prefs::aws::AwsSettings;
use chime_prefs::demo_service::{DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY};

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// As sent: percent-encoded.
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    /// The request body, as text (IAM's form POSTs).
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The region in the SigV4 credential scope.
    pub fn signed_region(&self) -> Option<String> {
        self.scope_part(2)
    }

    /// The signing name in the SigV4 credential scope (`chime`,
    /// `mobiletargeting`, `iam`).
    pub fn signed_service(&self) -> Option<String> {
        self.scope_part(3)
    }

    fn scope_part(&self, index: usize) -> Option<String> {
        let auth = self.header("authorization")?;
        let scope = auth.split("Credential=").nth(1)?.split(',').next()?;
        scope.split('/').nth(index).map(str::to_string)
    }

    /// One field of a form body (`Action`, `RoleName`, ...), decoded.
    pub fn form(&self, name: &str) -> Option<String> {
        self.body.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| {
                percent_encoding::percent_decode_str(&value.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            })
        })
    }
}

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn json(body: &str) -> Reply {
        Reply {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    /// A modelled error: `x-amzn-ErrorType` and the `{"Code","Message"}` body.
    /// An XML answer, as IAM's query protocol sends it.
    pub fn xml(body: &str) -> Reply {
        Reply {
            status: 200,
            headers: vec![("content-type".into(), "text/xml".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    /// IAM's XML error.
    pub fn iam_error(status: u16, code: &str, message: &str) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "text/xml".into())],
            body: format!(
                "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>iam-req-1</RequestId></ErrorResponse>"
            ),
            delay: Duration::ZERO,
        }
    }

    /// Pinpoint's error: `x-amzn-ErrorType` and `{"Message", "RequestID"}`.
    pub fn pinpoint_error(status: u16, exception: &str, message: &str) -> Reply {
        Reply {
            status,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("x-amzn-ErrorType".into(), exception.into()),
            ],
            body: serde_json::json!({"Message": message, "RequestID": "pinpoint-req-1"})
                .to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn error(status: u16, exception: &str, code: &str, message: &str) -> Reply {
        Reply {
            status,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("x-amzn-ErrorType".into(), exception.into()),
            ],
            body: serde_json::json!({"Code": code, "Message": message}).to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Respond = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

#[derive(Clone)]
struct Shared {
    requests: Arc<Mutex<Vec<Recorded>>>,
    respond: Arc<Respond>,
}

pub struct Loopback {
    pub addr: std::net::SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Loopback {
    /// Serve until dropped. `respond` gets each request and its index.
    pub async fn start(
        respond: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> Loopback {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            requests: Arc::clone(&requests),
            respond: Arc::new(respond),
        };
        let app = Router::new().fallback(handle).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("addr");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Loopback {
            addr,
            requests,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().map(|r| r.len()).unwrap_or_default()
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(shared): State<Shared>, request: Request) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        headers: parts.headers.clone(),
        body,
    };
    let index = {
        let mut all = shared.requests.lock().expect("requests");
        all.push(recorded.clone());
        all.len() - 1
    };
    let reply = (shared.respond)(&recorded, index);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("x-amzn-RequestId", format!("loopback-{index}"));
    for (name, value) in &reply.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    response
        .body(Body::from(reply.body))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// Settings for the clients against `url`, with static credentials and no
/// configured region (each call takes its ARN's).
pub fn settings(url: &str) -> AwsSettings {
    AwsSettings {
        endpoint_url: Some(url.to_string()),
        static_credentials: Some((DEMO_ACCESS_KEY_ID.into(), DEMO_SECRET_ACCESS_KEY.into())),
        timeout: Duration::from_secs(5),
        max_attempts: 3,
        ..AwsSettings::default()
    }
}

/// One path segment as the SDK encodes an ARN (`:` and `/` escaped).
pub fn encoded(arn: &str) -> String {
    arn.replace(':', "%3A").replace('/', "%2F")
}

pub const APP: &str = "arn:aws:chime:eu-central-1:111122223333:app-instance/a1";

pub fn channel() -> String {
    format!("{APP}/channel/support")
}

pub fn user(name: &str) -> String {
    format!("{APP}/user/{name}")
}
