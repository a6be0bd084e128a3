//! HTTP/1.1 on a connection, as the explorer needs it: one request per
//! connection (the answer says `Connection: close`), a request head of at
//! most [`MAX_HEAD`] bytes read within [`HEAD_SECONDS`], a body of exactly
//! its `Content-Length` (at most the `bytes` cap), and an answer written
//! whole with its length. Browsers and HTTP clients open a new connection
//! per request after `Connection: close`, so no connection holds a worker
//! while idle.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use super::reply::ApiError;
use super::{Ctx, Incoming, handle, headers};

/// The most bytes of a request line and headers.
pub const MAX_HEAD: u64 = 64 * 1024;

/// The most seconds a client may take to send its request head and body.
pub const HEAD_SECONDS: u64 = 10;

/// The reason phrase of a status.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}

/// A request as read off the connection.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    method: String,
    target: String,
    host: Option<String>,
    origin: Option<String>,
    body: Vec<u8>,
}

impl Raw {
    /// The request as the router sees it.
    pub(crate) fn incoming(&self) -> Incoming<'_> {
        Incoming {
            method: &self.method,
            url: &self.target,
            host: self.host.as_deref(),
            origin: self.origin.as_deref(),
            body: &self.body,
        }
    }
}

/// Reads one request: its head line by line, then its body. `writer` gets
/// the interim `100 Continue` when the client asks for it. Generic over the
/// connection, so that the fuzz target (`catch22::fuzzing::serve`) drives
/// it from bytes, with no socket.
pub(crate) fn read_request(
    ctx: &Ctx,
    reader: &mut impl BufRead,
    writer: &mut impl Write,
) -> Result<Raw, ApiError> {
    let started = Instant::now();
    let timeout = || {
        ApiError::bad(format!(
            "the request was not received within {HEAD_SECONDS} s"
        ))
        .status(408)
    };
    let mut head = reader.take(MAX_HEAD);
    let mut line = String::new();
    let mut raw = Raw::default();
    let mut length: Option<u64> = None;
    let mut chunked = false;
    let mut expect_continue = false;
    let mut first = true;
    loop {
        line.clear();
        let n = head.read_line(&mut line).map_err(|e| {
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) {
                timeout()
            } else {
                ApiError::bad(format!("cannot read the request: {e}"))
            }
        })?;
        if started.elapsed() > Duration::from_secs(HEAD_SECONDS) {
            return Err(timeout());
        }
        if n == 0 || !line.ends_with('\n') {
            return Err(ApiError::over(
                "head",
                MAX_HEAD,
                format!("the request head is incomplete or over {MAX_HEAD} bytes"),
            )
            .status(431));
        }
        let text = line.trim_end_matches(['\r', '\n']);
        if first {
            first = false;
            let mut parts = text.split(' ');
            let (Some(m), Some(t), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(ApiError::bad(format!("bad request line `{text}`")));
            };
            if !v.starts_with("HTTP/1.") {
                return Err(ApiError::bad(format!("unsupported protocol `{v}`")));
            }
            raw.method = m.to_string();
            raw.target = t.to_string();
            continue;
        }
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(ApiError::bad(format!("bad header line `{text}`")));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => raw.host = Some(value.to_string()),
            "origin" => raw.origin = Some(value.to_string()),
            "content-length" => {
                length = Some(
                    value
                        .parse()
                        .map_err(|_| ApiError::bad(format!("bad Content-Length `{value}`")))?,
                );
            }
            "transfer-encoding" => chunked = true,
            "expect" => expect_continue = value.eq_ignore_ascii_case("100-continue"),
            _ => {}
        }
    }
    if chunked {
        return Err(ApiError::bad("send the body with a Content-Length, not chunked").status(411));
    }
    let length = length.unwrap_or(0);
    if length > ctx.limits.bytes {
        return Err(ApiError::over(
            "bytes",
            ctx.limits.bytes,
            format!(
                "the request body is over the server's cap of {} bytes",
                ctx.limits.bytes
            ),
        )
        .status(413));
    }
    if expect_continue && length > 0 {
        let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    raw.body = vec![0; length as usize];
    reader.read_exact(&mut raw.body).map_err(|e| {
        if matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ) {
            timeout()
        } else {
            ApiError::bad(format!("cannot read the request body: {e}"))
        }
    })?;
    Ok(raw)
}

/// Reads one request from `stream`, answers it and closes the connection.
pub fn serve_connection(ctx: &Ctx, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(HEAD_SECONDS)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(60)));
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(&stream);
    let mut writer = &stream;
    let (method, result) = match read_request(ctx, &mut reader, &mut writer) {
        Err(e) => (String::new(), Err(e)),
        Ok(raw) => {
            let result = handle(ctx, &raw.incoming());
            (raw.method, result)
        }
    };
    let head = headers(&result);
    let (status, body) = match result {
        Ok(r) => (r.status, r.body),
        Err(e) => (e.status, e.body().into_bytes()),
    };
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in head {
        // A header value is one line of visible ASCII.
        if v.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = out.into_bytes();
    if method != "HEAD" {
        bytes.extend_from_slice(&body);
    }
    let _ = writer.write_all(&bytes);
    let _ = writer.flush();
    let _ = stream.shutdown(Shutdown::Write);
    // Drain what the client still sends (so that closing does not reset
    // the connection before it has read the answer), briefly.
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut rest = reader.take(1 << 20);
    while matches!(rest.read(&mut sink), Ok(n) if n > 0) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::{Limits, Reply};

    fn answer(request: &[u8]) -> Result<Reply, ApiError> {
        let ctx = Ctx::new(
            Limits {
                bytes: 100,
                ..Limits::default()
            },
            1,
        )
        .unwrap()
        .on_loopback(8022);
        let (mut connection, mut interim) = (request, Vec::new());
        read_request(&ctx, &mut connection, &mut interim)
            .and_then(|raw| handle(&ctx, &raw.incoming()))
    }

    fn refused(request: &[u8], status: u16) -> String {
        let e = answer(request).expect_err("refused");
        assert_eq!(e.status, status, "{}", e.message);
        assert!(
            !e.message.contains(['\n', '\r']),
            "one line: {:?}",
            e.message
        );
        e.message
    }

    #[test]
    fn a_request_is_read_from_bytes() {
        let r = answer(b"GET /api/strategies HTTP/1.1\r\nHost: localhost:8022\r\n\r\n").unwrap();
        assert_eq!(r.status, 200);
        refused(
            b"GET /api/strategies HTTP/1.1\r\nHost: evil.example\r\n\r\n",
            403,
        );
        refused(b"GET /api/strategies HTTP/1.1\r\nHost: localhost", 431);
        refused(
            b"POST /api/check HTTP/1.1\r\nContent-Length: 101\r\n\r\n",
            413,
        );
        refused(
            b"POST /api/check HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
            400,
        );
    }

    #[test]
    fn an_error_quoting_the_request_is_one_line() {
        // A bare CR inside the request line, and a newline decoded from a
        // query key, reached the message as they were.
        let m = refused(b"GET /api/run\rx HTTP/1.1\r\n\r\n", 404);
        assert!(m.contains("\\r"), "{m}");
        let m = refused(b"GET /api/run?a%0Ab=1 HTTP/1.1\r\n\r\n", 400);
        assert!(m.contains("unknown parameter `a\\nb`"), "{m}");
        refused(b"G\x1bT / HTTP/1.1\r\n\r\n", 405);
    }
}
