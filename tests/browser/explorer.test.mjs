// Browser tests of `catch22 serve`, in a real browser: Debian's Chromium,
// driven by playwright-core. Each test checks what the page shows against
// the JSON API's own answer for the same settings.
//
//   CATCH22_BIN=target/debug/catch22 node --test tests/browser/
//
// CHROMIUM names the browser (default /usr/bin/chromium). With
// SCREENSHOTS=DIR, each view is saved as DIR/serve-VIEW.png (the README's
// pictures: SCREENSHOTS=docs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.resolve(root, process.env.CATCH22_BIN || 'target/debug/catch22');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOTS ? path.resolve(root, process.env.SCREENSHOTS) : null;
const RUNS = '2000';

let server;
let base;
let browser;
let page;
const problems = [];

before(async () => {
  server = spawn(BIN, ['serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  base = await new Promise((resolve, reject) => {
    let text = '';
    server.stderr.on('data', (d) => {
      text += d;
      const m = text.match(/http:\/\/\S+\//);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`catch22 serve exited with ${code}: ${text}`)));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // The refusals the tests ask for (a bad upload) are logged by the browser as failed loads.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 400/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  // The page must never reach another origin.
  await context.route((url) => !url.href.startsWith(base), (r) => { problems.push('request to ' + r.request().url()); r.abort(); });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
});

async function apiJson(relative, init) {
  const r = await fetch(new URL(relative, base), init);
  assert.equal(r.status, 200, await r.clone().text());
  return r.json();
}

async function ready() {
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'ready');
}

async function shot(view, fullPage = false) {
  if (!SHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `serve-${view}.png`), fullPage });
}

async function shownProbabilities() {
  return page.$$eval('#outcome-table tr[data-outcome]', (rows) => rows.map((r) => [r.dataset.outcome, r.dataset.p]));
}

function apiProbabilities(rows) {
  return rows.map((r) => [r.outcome, r.probability.toFixed(6)]);
}

test('the page loads and shows the API\'s probabilities', async () => {
  await page.goto(`${base}#view=explorer&scenario=baseline-2025&runs=${RUNS}`);
  await page.waitForSelector('#outcome-table tr[data-outcome]');
  await ready();
  const api = await apiJson(`api/run?scenario=baseline-2025&runs=${RUNS}`);
  assert.deepEqual(await shownProbabilities(), apiProbabilities(api));
  assert.equal(await page.$$eval('#keys .key', (k) => k.length) > 50, true);
  assert.match(await page.textContent('#command'), /^catch22 run baseline-2025 --runs 2000 --format json$/);
});

test('moving a slider moves the probabilities to the API\'s values', async () => {
  const before = await shownProbabilities();
  const slider = page.locator('#key-lifeline-probability');
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => (document.getElementById('outcome-table').dataset.url || '').includes('lifeline.probability%3D0.25'));
  await ready();
  const url = await page.getAttribute('#outcome-table', 'data-url');
  const api = await apiJson(url.slice(1));
  const after = await shownProbabilities();
  assert.deepEqual(after, apiProbabilities(api));
  assert.notDeepEqual(after, before);
  // The paired comparison against the scenario's own settings.
  await page.waitForSelector('#compare-table tr[data-outcome]');
  const cmp = await apiJson(`api/compare?scenario=baseline-2025&runs=${RUNS}&set_b=lifeline.probability%3D0.25`);
  const diffs = await page.$$eval('#compare-table tr[data-outcome]', (rows) => rows.map((r) => r.dataset.diff));
  assert.deepEqual(diffs, cmp.map((r) => r.diff.toFixed(6)));
  // The link holds the settings.
  assert.match(await page.getAttribute('#share-link', 'href'), /set=lifeline\.probability%3D0\.25/);
});

test('a sweep chart draws each outcome against the chosen key', async () => {
  await page.selectOption('#sweep-key', 'iran.leverage');
  await page.fill('#sweep-from', '0');
  await page.fill('#sweep-to', '1');
  await page.fill('#sweep-steps', '5');
  await page.selectOption('#sweep-runs', '500');
  await page.click('#sweep-go');
  await page.waitForSelector('#sweep-chart circle[data-outcome]');
  await ready();
  const points = await page.$$eval('#sweep-chart circle[data-outcome="deal"]', (c) => c.map((x) => [x.dataset.x, x.dataset.p]));
  const api = await apiJson(`api/sweep?scenario=baseline-2025&runs=500&set=lifeline.probability%3D0.25&vary=iran.leverage%3D0%3A1%3A5`);
  const deal = api.filter((r) => r.outcome === 'deal').map((r) => [String(r['iran.leverage']), r.probability.toFixed(6)]);
  assert.deepEqual(points, deal);
  await shot('explorer', true);
});

test('one run steps round by round', async () => {
  await page.click('#tabs a[data-view="trace"]');
  await page.waitForSelector('#trace-detail[data-round]');
  await ready();
  const api = await apiJson('api/trace?scenario=baseline-2025&run=0&set=lifeline.probability%3D0.25');
  assert.equal(await page.textContent('#trace-rounds'), String(api.rows.length));
  assert.equal(await page.getAttribute('#trace-detail', 'data-round'), '1');
  for (let i = 0; i < 3; i++) await page.click('#trace-next');
  assert.equal(await page.getAttribute('#trace-detail', 'data-round'), String(api.rows[3].round));
  await page.click('#trace-prev');
  assert.equal(await page.textContent('#trace-round'), String(api.rows[2].round));
  await page.click('#trace-last');
  assert.equal(await page.textContent('#trace-round'), String(api.rows[api.rows.length - 1].round));
  assert.match(await page.textContent('#trace-text'), /outcome: /);
  await page.click('#trace-first');
  await shot('trace');
});

test('the trap shows the stage game and the map', async () => {
  await page.click('#tabs a[data-view="trap"]');
  await page.selectOption('#trap-runs', '100');
  await page.selectOption('#trap-steps', '11');
  await page.click('#trap-go');
  await page.waitForFunction(() => document.querySelectorAll('#trap-map rect[data-region]').length === 121);
  await ready();
  const api = await apiJson('api/explain?scenario=baseline-2025&runs=100&map_steps=11&set=lifeline.probability%3D0.25');
  const rows = await page.$$eval('#stage-table tr', (r) => r.length);
  assert.equal(rows, api.stage_game.iran_actions.length + 1);
  const regions = await page.$$eval('#trap-map rect[data-region]', (r) => r.map((x) => x.dataset.region));
  assert.deepEqual(regions, api.map.cells.map((c) => c.region));
  assert.equal(await page.textContent('#reading'), api.reading);
  await shot('trap');
});

test('a tournament is ranked as the API ranks it', async () => {
  await page.click('#tabs a[data-view="games"]');
  await page.waitForSelector('#match-chart rect[data-move]');
  await page.selectOption('#tournament-file', 'tournaments/basic.toml');
  await page.click('#tournament-go');
  await page.waitForSelector('#tournament-table tr[data-rank]');
  await ready();
  const examples = await apiJson('api/examples');
  const text = examples.find((e) => e.name === 'tournaments/basic.toml').text;
  const api = await apiJson('api/tournament?name=basic.toml', { method: 'POST', body: text });
  const names = await page.$$eval('#tournament-table tr[data-rank]', (r) => r.map((x) => x.dataset.name));
  assert.deepEqual(names, api.map((r) => r.name));
  // A field of ticked strategies, and the replicator on the simplex.
  await page.selectOption('#tournament-file', '');
  await page.click('#tournament-go');
  await page.waitForSelector('#tournament-table tr[data-name="TitFor2Tats"]');
  assert.equal(await page.$$eval('#tournament-table tr[data-rank]', (r) => r.length), 10);
  await page.click('#replicator-go');
  await page.waitForSelector('#replicator-chart circle[data-end]');
  await ready();
  await shot('games', true);
});

test('uploading a bad scenario shows its error with line and key', async () => {
  await page.click('#tabs a[data-view="explorer"]');
  await page.setInputFiles('#upload', { name: 'bad.toml', mimeType: 'text/plain', buffer: Buffer.from('[scenario]\nname = "bad"\n\n[iran]\nresilience = 1.5\n') });
  await page.waitForSelector('#upload-error:not([hidden])');
  const shown = await page.textContent('#upload-error');
  const r = await fetch(new URL('api/check?name=bad.toml', base), { method: 'POST', body: '[scenario]\nname = "bad"\n\n[iran]\nresilience = 1.5\n' });
  assert.equal(r.status, 400);
  assert.equal(shown, (await r.json()).error);
  assert.match(shown, /bad\.toml:5/);
  assert.match(shown, /iran\.resilience/);
  // A good upload replaces the scenario.
  await page.setInputFiles('#upload', { name: 'mine.toml', mimeType: 'text/plain', buffer: Buffer.from('[scenario]\nname = "mine"\n\n[iran]\nresilience = 0.6\n') });
  await page.waitForFunction(() => document.getElementById('scenario-description').textContent === 'uploaded: mine.toml');
  await page.waitForFunction(() => (document.getElementById('outcome-table').dataset.url || '').includes('name=mine.toml'));
  await ready();
  assert.match(await page.textContent('#command'), /^catch22 run mine\.toml /);
});

test('each lesson opens the explorer at its settings', async () => {
  await page.goto(`${base}#view=lessons`);
  await page.waitForSelector('#lessons li a');
  const links = await page.$$eval('#lessons li a', (a) => a.map((x) => x.getAttribute('href')));
  assert.ok(links.length >= 6);
  await shot('lessons');
  const sweep = links.find((h) => h.includes('sweep=scenario.rounds'));
  await page.click(`#lessons a[href="${sweep}"]`);
  await page.waitForSelector('#sweep-chart circle[data-x="96"]');
  const xs = await page.$$eval('#sweep-chart circle[data-outcome="muddle_through"]', (c) => c.map((x) => x.dataset.x));
  assert.deepEqual(xs, ['12', '24', '36', '48', '60', '72', '84', '96']);
  assert.equal(await page.$eval('#view-explorer', (v) => v.hidden), false);
});

test('no console error, no request elsewhere', () => {
  assert.deepEqual(problems, []);
});
