//! A scriptable HTTP/1.1 server on a loopback address for the fetch tests (hyper on its own
//! thread and runtime, so that both async tests and the `pith` binary can talk to it).
//!
//! A handler maps each request to a [`Reply`]; the server logs every request (path, client
//! headers, arrival and answer times) so tests can check what the fetcher sent and when.
//!
//! [`RawServer`] answers with bytes as given and ends the connection as told (closed early,
//! reset): the broken transfers an HTTP library will not produce.
#![allow(dead_code)]

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// What the handler sees of a request.
#[derive(Debug, Clone)]
pub struct Req {
    /// Path and query.
    pub path: String,
    /// How many times this path was requested, this one included (1 for the first).
    pub hit: usize,
}

/// What to answer.
pub enum Reply {
    /// A full response.
    Full { status: u16, headers: Vec<(String, String)>, body: Bytes },
    /// Status and headers, then the chunks one by one, without `Content-Length`.
    Chunked { headers: Vec<(String, String)>, chunks: Vec<Bytes> },
    /// Status and headers and a first chunk, then nothing, ever.
    StallBody { headers: Vec<(String, String)>, first: Bytes },
    /// Nothing, ever.
    Stall,
    /// Wait, then answer.
    After(Duration, Box<Reply>),
}

impl Reply {
    /// A `200` page of the given content type.
    pub fn typed(content_type: &str, body: impl Into<Bytes>) -> Reply {
        Reply::Full { status: 200, headers: vec![header("content-type", content_type)], body: body.into() }
    }
    pub fn html(body: impl Into<Bytes>) -> Reply {
        Reply::typed("text/html; charset=utf-8", body)
    }
    /// An HTML error page with `status`.
    pub fn status(status: u16) -> Reply {
        let page = format!("<html><body><h1>Status {status}</h1><p>An error page with some words.</p></body></html>");
        Reply::typed("text/html", page).with_status(status)
    }
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Full { status, headers: vec![header("location", location)], body: Bytes::new() }
    }
    pub fn text(body: &str) -> Reply {
        Reply::typed("text/plain", body.to_string())
    }
    /// Adds a header.
    pub fn with(mut self, name: &str, value: &str) -> Reply {
        match &mut self {
            Reply::Full { headers, .. } | Reply::Chunked { headers, .. } | Reply::StallBody { headers, .. } => {
                headers.push(header(name, value))
            }
            Reply::Stall | Reply::After(..) => {}
        }
        self
    }
    /// Sets the status of a full response.
    pub fn with_status(mut self, new: u16) -> Reply {
        if let Reply::Full { status, .. } = &mut self {
            *status = new;
        }
        self
    }
    pub fn after(self, delay: Duration) -> Reply {
        Reply::After(delay, Box::new(self))
    }
}

fn header(name: &str, value: &str) -> (String, String) {
    (name.to_string(), value.to_string())
}

/// One logged request.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub user_agent: String,
    pub accept: String,
    pub accept_encoding: String,
    pub authorization: String,
    /// The request target as sent (absolute for a request to a proxy).
    pub target: String,
    /// When the request arrived.
    pub at: Instant,
    /// When the handler's answer (status and headers) was ready; `None` while pending.
    pub answered: Option<Instant>,
    /// Requests to this server in flight when it arrived, itself included.
    pub in_flight: usize,
}

type Handler = dyn Fn(&Req) -> Reply + Send + Sync;

struct State {
    handler: Box<Handler>,
    hits: Mutex<Vec<Hit>>,
    counts: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
}

/// A loopback listener whose connections are served on a thread and runtime of its own, until
/// dropped: the plumbing both servers share.
struct Background {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Background {
    /// Listens on `ip` and a free port and runs `serve` on each connection as a task.
    fn start<F, Fut>(ip: &str, serve: F) -> Background
    where
        F: Fn(TcpStream) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let ip: IpAddr = ip.parse().expect("an IP address");
        let std_listener = std::net::TcpListener::bind((ip, 0)).expect("bind a loopback port");
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = TcpListener::from_std(std_listener).unwrap();
                let accept = async {
                    loop {
                        let Ok((stream, _)) = listener.accept().await else { continue };
                        tokio::spawn(serve(stream));
                    }
                };
                tokio::select! {
                    _ = accept => {}
                    _ = stopped => {}
                }
            });
        });
        Background { addr, stop: Some(stop), thread: Some(thread) }
    }

    /// `http://ADDR/path`.
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A running server; stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    state: Arc<State>,
    background: Background,
}

impl Server {
    /// A server on `127.0.0.1` and a free port.
    pub fn start(handler: impl Fn(&Req) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_on("127.0.0.1", handler)
    }

    /// A server on a loopback address (`127.0.0.2`… make distinct hosts) and a free port.
    pub fn start_on(ip: &str, handler: impl Fn(&Req) -> Reply + Send + Sync + 'static) -> Server {
        let state = Arc::new(State {
            handler: Box::new(handler),
            hits: Mutex::default(),
            counts: Mutex::default(),
            in_flight: AtomicUsize::new(0),
        });
        let st = state.clone();
        let background = Background::start(ip, move |stream| {
            let st = st.clone();
            async move {
                let service = service_fn(move |req| answer(st.clone(), req));
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            }
        });
        Server { addr: background.addr, state, background }
    }

    /// `http://ADDR/path`.
    pub fn url(&self, path: &str) -> String {
        self.background.url(path)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.state.hits.lock().unwrap().clone()
    }

    /// Hits of one path.
    pub fn hits_of(&self, path: &str) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.path == path).collect()
    }

    pub fn count(&self, path: &str) -> usize {
        self.hits_of(path).len()
    }
}

type Body = BoxBody<Bytes, Infallible>;

async fn answer(state: Arc<State>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let at = Instant::now();
    let path = req.uri().path_and_query().map_or("/".to_string(), |p| p.to_string());
    let get = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let in_flight = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    let index = {
        let mut hits = state.hits.lock().unwrap();
        hits.push(Hit {
            path: path.clone(),
            user_agent: get("user-agent"),
            accept: get("accept"),
            accept_encoding: get("accept-encoding"),
            authorization: get("authorization"),
            target: req.uri().to_string(),
            at,
            answered: None,
            in_flight,
        });
        hits.len() - 1
    };
    let hit = {
        let mut counts = state.counts.lock().unwrap();
        let n = counts.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let mut reply = (state.handler)(&Req { path, hit });
    let response = loop {
        match reply {
            Reply::After(delay, next) => {
                tokio::time::sleep(delay).await;
                reply = *next;
            }
            Reply::Stall => std::future::pending::<()>().await,
            Reply::Full { status, headers, body } => break build(status, &headers, Full::new(body).boxed()),
            Reply::Chunked { headers, chunks } => {
                let stream = futures_util::stream::iter(chunks).map(|c| Ok::<_, Infallible>(Frame::data(c)));
                break build(200, &headers, BodyExt::boxed(StreamBody::new(stream)));
            }
            Reply::StallBody { headers, first } => {
                let stream = futures_util::stream::iter([Ok::<_, Infallible>(Frame::data(first))])
                    .chain(futures_util::stream::pending());
                break build(200, &headers, BodyExt::boxed(StreamBody::new(stream)));
            }
        }
    };
    state.hits.lock().unwrap()[index].answered = Some(Instant::now());
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    Ok(response)
}

fn build(status: u16, headers: &[(String, String)], body: Body) -> Response<Body> {
    let mut resp = Response::builder().status(status);
    for (k, v) in headers {
        resp = resp.header(k.as_str(), v.as_str());
    }
    resp.body(body).unwrap()
}

/// How a [`RawServer`] ends a connection after its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawEnd {
    /// Closes it (a FIN): a body shorter than its `Content-Length` is cut.
    Close,
    /// Resets it (an RST), a moment after the bytes, so that they arrive first.
    Reset,
}

/// A raw HTTP/1.1 server on a loopback address: reads a request head, writes the handler's
/// bytes as they are, then ends the connection as told. One request per connection.
pub struct RawServer {
    pub addr: SocketAddr,
    paths: Arc<Mutex<Vec<String>>>,
    background: Background,
}

impl RawServer {
    pub fn start_on(ip: &str, handler: impl Fn(&str) -> (Vec<u8>, RawEnd) + Send + Sync + 'static) -> RawServer {
        let paths: Arc<Mutex<Vec<String>>> = Arc::default();
        let handler = Arc::new(handler);
        let log = paths.clone();
        let background = Background::start(ip, move |stream| answer_raw(stream, handler.clone(), log.clone()));
        RawServer { addr: background.addr, paths, background }
    }

    /// `http://ADDR/path`.
    pub fn url(&self, path: &str) -> String {
        self.background.url(path)
    }

    /// Requests of one path.
    pub fn count(&self, path: &str) -> usize {
        self.paths.lock().unwrap().iter().filter(|p| *p == path).count()
    }
}

/// Reads a request head off `stream`, logs its path, writes the handler's bytes and ends the
/// connection as the handler says.
async fn answer_raw(
    mut stream: TcpStream,
    handler: Arc<impl Fn(&str) -> (Vec<u8>, RawEnd)>,
    log: Arc<Mutex<Vec<String>>>,
) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&head).lines().next().unwrap_or("").to_string();
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(path.clone());
    let (bytes, end) = handler(&path);
    let _ = stream.write_all(&bytes).await;
    let _ = stream.flush().await;
    match end {
        RawEnd::Close => {
            let _ = stream.shutdown().await;
        }
        RawEnd::Reset => {
            tokio::time::sleep(Duration::from_millis(30)).await;
            let _ = stream.set_zero_linger();
        }
    }
}

/// A raw response: status line, headers (`Connection: close` added) and body.
pub fn raw_response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}
