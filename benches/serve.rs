//! `catch22 serve`, end to end: an HTTP request over loopback to a server
//! running in this process, answered in full.
//!
//! `cargo bench --bench serve`:
//!
//! - `serve/run_10000`: `GET /api/run?runs=10000` (the baseline, one point
//!   of 10,000 runs); target < 100 ms on 2 cores;
//! - `serve/sweep_20x2000`: `GET /api/sweep?runs=2000&vary=iran.leverage=0:1:20`
//!   (20 points of 2,000 runs); target < 300 ms on 2 cores;
//! - `serve/page`: the page's first load (HTML, style sheet, script, icon),
//!   whose size is printed once (target < 200 KB).
//!
//! The server is started outside the timed closures; each request opens
//! its own connection, as a browser's first request does. Measured
//! figures are in `docs/SERVE.md`.

use std::hint::black_box;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use catch22::serve::{Limits, Options, Server};
use criterion::{Criterion, criterion_group, criterion_main};

/// One GET, read to the end; returns the bytes received.
fn get(addr: SocketAddr, target: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("receive");
    assert!(
        buf.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&buf)
    );
    buf
}

fn bench(c: &mut Criterion) {
    let server = Server::start(&Options {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        workers: 4,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        limits: Limits::default(),
    })
    .expect("the server starts");
    let addr = server.addr();
    let page: usize = ["/", "/app.css", "/app.js", "/favicon.svg"]
        .iter()
        .map(|p| {
            let r = get(addr, p);
            let body = r.windows(4).position(|w| w == b"\r\n\r\n").expect("a body") + 4;
            r.len() - body
        })
        .sum();
    eprintln!(
        "serve: the page's first load is {page} bytes ({:.1} KB)",
        page as f64 / 1024.0
    );
    let mut g = c.benchmark_group("serve");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("run_10000", |b| {
        b.iter(|| black_box(get(addr, "/api/run?runs=10000")))
    });
    g.bench_function("sweep_20x2000", |b| {
        b.iter(|| black_box(get(addr, "/api/sweep?runs=2000&vary=iran.leverage=0:1:20")))
    });
    g.bench_function("page", |b| {
        b.iter(|| {
            for p in ["/", "/app.css", "/app.js", "/favicon.svg"] {
                black_box(get(addr, p));
            }
        })
    });
    g.finish();
    server.stop();
}

criterion_group!(benches, bench);
criterion_main!(benches);
