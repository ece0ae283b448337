//! The connections under every SDK client: one pool (hyper's), one way to
//! open a connection (TCP, the CONNECT tunnel through the proxy the
//! environment names, TLS with [`Trust`]'s store), and connections opened
//! ahead of the first request ([`Http::warm_up`]).
//!
//! chime-prefs opens its connections itself rather than through smithy's
//! connector so that the TUI can open one before a lookup is asked for:
//! smithy's pool only fills when a request is sent, and a warm-up must
//! send nothing but the TLS handshake. A connection opened ahead waits in
//! [`Http::warm_up`]'s slot until the pool asks for a new connection to
//! that host, which it then gets at once.
//!
//! A plain-HTTP endpoint gets no TLS (and so no trust store is read) and
//! no proxy: a local endpoint is reached directly.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::retry::ErrorKind as RetryKind;
use http::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector as TcpConnector};
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tower_service::Service;

use super::trust::Trust;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How long a connection opened ahead is offered to the pool: servers
/// close idle connections (AWS's front ends after about a minute).
const WARM_FOR: Duration = Duration::from_secs(50);

/// The HTTP client of every SDK client. Cheap to clone: clones share the
/// pool and the connections opened ahead.
#[derive(Clone)]
pub(super) struct Http {
    client: Client<Connect, SdkBody>,
    connect: Connect,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http").finish_non_exhaustive()
    }
}

impl Http {
    pub(super) fn new(trust: Arc<Trust>, connect_timeout: Duration) -> Http {
        let connect = Connect {
            shared: Arc::new(ConnectShared {
                trust,
                proxy: Matcher::from_env(),
                warm: Mutex::new(HashMap::new()),
                timeout: connect_timeout,
            }),
        };
        // The timer lets the pool drop connections idle for 90 s (hyper's
        // default), as smithy's connector does.
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(connect.clone());
        Http { client, connect }
    }

    /// Open a connection to `endpoint` (scheme and host) and keep it for
    /// the first request there: TCP, the proxy's tunnel, the TLS handshake;
    /// nothing else is sent. Does nothing if one is already waiting.
    pub(super) async fn warm_up(&self, endpoint: &Uri) -> Result<(), BoxError> {
        let key = pool_key(endpoint).ok_or("the endpoint has no host")?;
        if self.connect.shared.has_warm(&key) {
            return Ok(());
        }
        let stream = self.connect.shared.open(endpoint).await?;
        self.connect.shared.keep_warm(key, stream);
        Ok(())
    }
}

impl HttpClient for Http {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for Http {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(err) => return HttpConnectorFuture::ready(Err(ConnectorError::user(err.into()))),
        };
        let client = self.client.clone();
        HttpConnectorFuture::new(async move {
            let response = client.request(request).await.map_err(connector_error)?;
            HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
                .map_err(|err| ConnectorError::other(err.into(), None))
        })
    }
}

/// The SDK's view of a failed request: a timeout, the connection (retried
/// as transient), or something else.
fn connector_error(err: hyper_util::client::legacy::Error) -> ConnectorError {
    let timed_out = sources(&err).any(|e| e.is::<ConnectTimedOut>())
        || sources(&err)
            .filter_map(|e| e.downcast_ref::<hyper::Error>())
            .any(hyper::Error::is_timeout);
    if timed_out {
        return ConnectorError::timeout(err.into());
    }
    let hyper_error = sources(&err).find_map(|e| e.downcast_ref::<hyper::Error>());
    if err.is_connect()
        || hyper_error.is_some_and(|h| h.is_closed() || h.is_canceled())
        || sources(&err).any(|e| e.is::<io::Error>())
    {
        return ConnectorError::io(err.into());
    }
    if hyper_error.is_some_and(hyper::Error::is_incomplete_message) {
        return ConnectorError::other(err.into(), Some(RetryKind::TransientError));
    }
    ConnectorError::other(err.into(), None)
}

fn sources<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(err), |e| e.source())
}

/// `https://host:port`, the way the pool keys connections.
fn pool_key(uri: &Uri) -> Option<String> {
    Some(format!("{}://{}", uri.scheme_str()?, uri.authority()?))
}

/// The connection took longer than the connect timeout.
#[derive(Debug)]
struct ConnectTimedOut;

impl std::fmt::Display for ConnectTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the connection was not made within the connect timeout")
    }
}

impl std::error::Error for ConnectTimedOut {}

/// Opens connections for the pool.
#[derive(Clone)]
struct Connect {
    shared: Arc<ConnectShared>,
}

struct ConnectShared {
    trust: Arc<Trust>,
    proxy: Matcher,
    /// Connections opened ahead, by pool key, with when they were opened.
    warm: Mutex<HashMap<String, (Instant, Stream)>>,
    timeout: Duration,
}

impl ConnectShared {
    fn has_warm(&self, key: &str) -> bool {
        self.warm.lock().is_ok_and(|w| {
            w.get(key)
                .is_some_and(|(opened, _)| opened.elapsed() < WARM_FOR)
        })
    }

    fn keep_warm(&self, key: String, stream: Stream) {
        if let Ok(mut warm) = self.warm.lock() {
            warm.insert(key, (Instant::now(), stream));
        }
    }

    fn take_warm(&self, dst: &Uri) -> Option<Stream> {
        let key = pool_key(dst)?;
        let (opened, stream) = self.warm.lock().ok()?.remove(&key)?;
        (opened.elapsed() < WARM_FOR).then_some(stream)
    }

    fn tcp(&self) -> TcpConnector {
        let mut tcp = TcpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp
    }

    async fn open(&self, dst: &Uri) -> Result<Stream, BoxError> {
        match tokio::time::timeout(self.timeout, self.open_now(dst)).await {
            Ok(result) => result,
            Err(_) => Err(Box::new(ConnectTimedOut)),
        }
    }

    async fn open_now(&self, dst: &Uri) -> Result<Stream, BoxError> {
        let https = dst.scheme_str() == Some("https");
        let tcp = match self.proxy.intercept(dst).filter(|_| https) {
            Some(proxy) => {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), self.tcp());
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                tunnel.call(dst.clone()).await?.into_inner()
            }
            None => self.tcp().call(dst.clone()).await?.into_inner(),
        };
        if !https {
            return Ok(Stream::Plain(tcp));
        }
        let host = dst
            .host()
            .ok_or("the endpoint has no host")?
            .trim_start_matches('[')
            .trim_end_matches(']');
        let name = ServerName::try_from(host.to_string())?;
        let tls = tokio_rustls::TlsConnector::from(self.trust.client_config())
            .connect(name, tcp)
            .await?;
        Ok(Stream::Tls(Box::new(tls)))
    }
}

impl Service<Uri> for Connect {
    type Response = TokioIo<Stream>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            if let Some(stream) = shared.take_warm(&dst) {
                tracing::debug!("using the connection opened ahead");
                return Ok(TokioIo::new(stream));
            }
            shared.open(&dst).await.map(TokioIo::new)
        })
    }
}

/// One connection: plain TCP, or TLS over TCP (which may be a tunnel).
pub(super) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Connection for Stream {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
