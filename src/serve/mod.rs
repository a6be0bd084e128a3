//! `catch22 serve`: a local web server with the explorer page and its JSON
//! API (`docs/SERVE.md`).
//!
//! A small blocking HTTP/1.1 server on `std::net` ([`http`]): one thread
//! accepts connections into a bounded queue, a fixed number of worker
//! threads answer one request per connection, and every simulation runs on
//! one shared thread pool of the engine, so the machine is never
//! oversubscribed however many clients there are. The page (HTML, CSS, one
//! script) is compiled into the binary; no request reads or writes a file.

pub mod api;
pub mod command;
pub mod http;
pub mod limits;
pub mod query;
pub mod reply;

use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

pub use limits::Limits;
pub use query::Query;
pub use reply::{ApiError, Reply};

use crate::engine;
use crate::error::{Error, Result};

/// The page.
pub const INDEX_HTML: &str = include_str!("web/index.html");
/// Its script (served as a file: the Content-Security-Policy allows no inline script).
pub const APP_JS: &str = include_str!("web/app.js");
/// Its style sheet.
pub const APP_CSS: &str = include_str!("web/app.css");
/// Its icon.
pub const FAVICON_SVG: &str = include_str!("web/favicon.svg");

/// What the page may load: its own script, style, images and API, nothing
/// else (no inline script, no other origin, no frames, no forms).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to listen on (127.0.0.1 unless `--bind` says otherwise).
    pub bind: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Threads that answer requests.
    pub workers: usize,
    /// Threads of the simulation pool.
    pub threads: usize,
    /// The caps on one request's work.
    pub limits: Limits,
}

/// What every request handler shares.
pub struct Ctx {
    /// The caps.
    pub limits: Limits,
    /// The simulation pool.
    pub pool: rayon::ThreadPool,
    /// Whether only loopback `Host` names are accepted (when bound to loopback).
    loopback: bool,
    /// The port, for the `Host` check.
    port: u16,
}

impl Ctx {
    /// A context with these caps and a pool of `threads`, for tests and benchmarks.
    pub fn new(limits: Limits, threads: usize) -> Result<Ctx> {
        Ok(Ctx {
            limits,
            pool: engine::pool(threads)?,
            loopback: false,
            port: 0,
        })
    }

    /// The same, answering only loopback host names on `port` (as a server
    /// bound to loopback does), for tests and the fuzz target.
    pub fn on_loopback(mut self, port: u16) -> Ctx {
        self.loopback = true;
        self.port = port;
        self
    }
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Starts listening and answering on background threads.
    pub fn start(o: &Options) -> Result<Server> {
        let at = SocketAddr::new(o.bind, o.port);
        let listener = TcpListener::bind(at).map_err(|e| {
            Error::Usage(format!(
                "cannot listen on {at}: {e}; choose another --port or --bind"
            ))
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Runtime(format!("the server has no address: {e}")))?;
        let mut ctx = Ctx::new(o.limits, o.threads)?;
        if o.bind.is_loopback() {
            ctx = ctx.on_loopback(addr.port());
        }
        let ctx = Arc::new(ctx);
        let workers = o.workers.max(1);
        // Accepted connections wait here (then in the kernel's backlog).
        let (tx, rx) = mpsc::sync_channel::<TcpStream>(workers * 16);
        let rx = Arc::new(Mutex::new(rx));
        let mut threads: Vec<JoinHandle<()>> = (0..workers)
            .map(|_| {
                let (rx, ctx) = (Arc::clone(&rx), Arc::clone(&ctx));
                std::thread::spawn(move || {
                    loop {
                        let next = rx.lock().map(|r| r.recv());
                        match next {
                            Ok(Ok(stream)) => http::serve_connection(&ctx, stream),
                            _ => break,
                        }
                    }
                })
            })
            .collect();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        threads.push(std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(s) = stream {
                    if tx.send(s).is_err() {
                        break;
                    }
                }
            }
        }));
        Ok(Server {
            addr,
            stop,
            threads,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's URL.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until the process ends.
    pub fn wait(self) {
        for t in self.threads {
            let _ = t.join();
        }
    }

    /// Stops accepting, lets the workers finish what was accepted, and joins them.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread.
        let _ = TcpStream::connect(self.addr);
        for t in self.threads {
            let _ = t.join();
        }
    }
}

/// A request as the router sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming<'a> {
    /// `GET`, `POST`...
    pub method: &'a str,
    /// The request target: path and query.
    pub url: &'a str,
    /// The `Host` header, if any.
    pub host: Option<&'a str>,
    /// The `Origin` header, if any.
    pub origin: Option<&'a str>,
    /// The body (empty for GET).
    pub body: &'a [u8],
}

/// The answer to one request: a reply or an error, each with its headers
/// decided by [`headers`].
pub fn handle(ctx: &Ctx, rq: &Incoming<'_>) -> std::result::Result<Reply, ApiError> {
    if rq.url.len() as u64 > ctx.limits.url {
        return Err(ApiError::over(
            "url",
            ctx.limits.url,
            format!(
                "the request target is {} characters, over the server's cap of {}; send a scenario as a POST body",
                rq.url.len(),
                ctx.limits.url
            ),
        )
        .status(414));
    }
    check_host(ctx, rq)?;
    let (path, raw_query) = rq.url.split_once('?').unwrap_or((rq.url, ""));
    let q = Query::parse(raw_query)?;
    let get = matches!(rq.method, "GET" | "HEAD");
    if let Some(name) = path.strip_prefix("/api/") {
        let body = match rq.method {
            "GET" | "HEAD" => None,
            "POST" => Some(body_text(rq.body)?),
            m => {
                return Err(ApiError::bad(format!(
                    "method {m} is not allowed: the API takes GET and POST"
                ))
                .status(405));
            }
        };
        let body = body.as_deref();
        return match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            api::route(ctx, name, &q, body)
        })) {
            Ok(Some(r)) => r,
            Ok(None) => Err(ApiError::bad(format!(
                "no endpoint /api/{name} (see docs/SERVE.md: scenarios, schema, lessons, examples, strategies, \
                 check, run, sweep, compare, trace, explain, match, tournament, replicator)"
            ))
            .status(404)),
            Err(_) => Err(ApiError::bad("internal error: the request failed").status(500)),
        };
    }
    if !get {
        return Err(ApiError::bad(format!("method {} is not allowed here", rq.method)).status(405));
    }
    match path {
        "/" | "/index.html" => Ok(Reply::typed("text/html; charset=utf-8", INDEX_HTML)),
        "/app.js" => Ok(Reply::typed("text/javascript; charset=utf-8", APP_JS)),
        "/app.css" => Ok(Reply::typed("text/css; charset=utf-8", APP_CSS)),
        "/favicon.svg" | "/favicon.ico" => Ok(Reply::typed("image/svg+xml", FAVICON_SVG)),
        _ => Err(ApiError::bad(format!("no page {path}")).status(404)),
    }
}

/// The body as text, as a scenario file is read (UTF-8, a byte-order mark
/// and CRLF line ends accepted).
fn body_text(body: &[u8]) -> std::result::Result<String, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::bad(format!(
            "cannot read the body: it is not UTF-8 text (an invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    Ok(crate::input::normalise(text).into_owned())
}

/// On loopback, only loopback host names are served (a page of another
/// site cannot reach the server by DNS rebinding), and a POST from a page
/// of another origin is refused.
fn check_host(ctx: &Ctx, rq: &Incoming<'_>) -> std::result::Result<(), ApiError> {
    if !ctx.loopback {
        return Ok(());
    }
    let ok = |h: &str| {
        let name = h.rsplit_once(':').map_or(
            h,
            |(n, port)| {
                if port == ctx.port.to_string() { n } else { "" }
            },
        );
        matches!(name, "127.0.0.1" | "localhost" | "[::1]")
    };
    if let Some(h) = rq.host {
        if !ok(h) {
            return Err(ApiError::bad(format!(
                "host `{h}` is not served: the server answers only on its loopback address"
            ))
            .status(403));
        }
    }
    if let Some(o) = rq.origin {
        let host = o
            .strip_prefix("http://")
            .unwrap_or("")
            .trim_end_matches('/');
        if !ok(host) {
            return Err(ApiError::bad(format!(
                "a request from the page of `{o}` is refused: only the explorer's own pages may call the API"
            ))
            .status(403));
        }
    }
    Ok(())
}

/// The headers of every answer: type, security policy, no caching of API answers.
pub fn headers(reply: &std::result::Result<Reply, ApiError>) -> Vec<(&'static str, String)> {
    let mut h = vec![
        ("Content-Security-Policy", CSP.to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        ("X-Frame-Options", "DENY".to_string()),
        ("Cross-Origin-Resource-Policy", "same-origin".to_string()),
        ("Cache-Control", "no-store".to_string()),
    ];
    match reply {
        Ok(r) => {
            h.push(("Content-Type", r.content_type.to_string()));
            if let Some(c) = &r.command {
                h.push(("X-Catch22-Command", c.clone()));
            }
        }
        Err(_) => h.push(("Content-Type", reply::JSON.to_string())),
    }
    h
}
