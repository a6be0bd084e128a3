// A bounded load test of `catch22 serve` on loopback: CLIENTS clients send
// REQUESTS requests in all (a mix of runs, sweeps, traces, matches, the
// page and bad requests), every answer is checked against the answer to
// the same request sent alone first, and the server's resident memory is
// sampled from /proc as the load runs.
//
//   node scripts/serve-load.mjs [BIN] [CLIENTS] [REQUESTS]
//   node scripts/serve-load.mjs target/release/catch22 200 10000
//
// Node.js 20, no package. Prints the counts, the throughput, latency
// percentiles and the RSS samples; exits 1 if any answer differs.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';

const BIN = process.argv[2] || 'target/release/catch22';
const CLIENTS = Number(process.argv[3] || 200);
const REQUESTS = Number(process.argv[4] || 10000);

const targets = [
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((s) => `/api/run?runs=1000&seed=${s}`),
  '/api/run?scenario=jcpoa-2015&runs=2000&set=iran.leverage%3D0.4',
  '/api/compare?runs=1000&set_b=lifeline.probability%3D0.3',
  '/api/sweep?runs=200&vary=iran.resilience%3D0%3A1%3A5',
  '/api/trace?seed=7&run=3',
  '/api/match?a=TitForTat&b=Joss&turns=200&seed=3',
  '/api/schema',
  '/',
  '/app.js',
  '/api/run?set=iran.resilience%3D2',
  '/api/run?runs=99999999',
];

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function get(port, path) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode,
        body: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      }));
    }).on('error', reject);
  });
}

function rss(pid) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) : 0;
}

const server = spawn(BIN, ['serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const port = await new Promise((resolve, reject) => {
  let text = '';
  server.stderr.on('data', (d) => {
    text += d;
    const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (c) => reject(new Error(`serve exited ${c}: ${text}`)));
});

const expected = [];
for (const t of targets) expected.push(await get(port, t));
const rssBefore = rss(server.pid);
const samples = [rssBefore];
const sampler = setInterval(() => samples.push(rss(server.pid)), 250);

let next = 0;
let wrong = 0;
const latencies = [];
const started = process.hrtime.bigint();
async function client() {
  for (;;) {
    const i = next++;
    if (i >= REQUESTS) return;
    const k = i % targets.length;
    const r = await get(port, targets[k]);
    latencies.push(r.ms);
    if (r.status !== expected[k].status || r.body !== expected[k].body) {
      wrong++;
      if (wrong <= 5) console.error(`differs: ${targets[k]} status ${r.status}`);
    }
  }
}
await Promise.all(Array.from({ length: CLIENTS }, client));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
samples.push(rss(server.pid));
// A second round of the same load: memory must not keep growing.
next = 0;
await Promise.all(Array.from({ length: CLIENTS }, client));
const rssAfterSecond = rss(server.pid);
server.kill();
agent.destroy();

latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(`catch22 serve load test: ${CLIENTS} clients, ${REQUESTS} requests (x2 rounds), ${targets.length} kinds`);
console.log(`answers differing from the request sent alone: ${wrong} of ${latencies.length}`);
console.log(`first round: ${seconds.toFixed(2)} s, ${(REQUESTS / seconds).toFixed(0)} requests/s`);
console.log(`latency ms: p50 ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${q(1)}`);
console.log(`RSS KiB: before ${rssBefore}, max during the first round ${Math.max(...samples)}, after it ${samples[samples.length - 1]}, after a second round ${rssAfterSecond}`);
process.exit(wrong === 0 ? 0 : 1);
