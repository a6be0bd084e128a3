// catch22 explorer: a page over the JSON API of `catch22 serve` (docs/SERVE.md).
// No build step, no library: DOM and SVG by hand. Every number shown comes
// from the API; this script only draws it.
'use strict';

const $ = (id) => document.getElementById(id);
const SVGNS = 'http://www.w3.org/2000/svg';
const COLORS = { deal: '#2f7d4f', regime_crisis: '#b8452f', war: '#6b2c91', muddle_through: '#8a8f96' };
const REGION_COLORS = { both: '#8cc79b', deal_only: '#9cc3e6', refuse_only: '#f3d27a', trap: '#d9534f' };
const SERIES_COLORS = ['#24415e', '#b8452f', '#2f7d4f', '#6b2c91', '#c98a1b', '#1f8a99', '#8a8f96', '#d16ba5', '#5b6775', '#7a9a2e'];
const DEFAULT_FIELD = ['TitForTat', 'Defector', 'Cooperator', 'Grudger', 'WinStayLoseShift', 'Random', 'GenerousTitForTat', 'Joss', 'TitFor2Tats', 'SuspiciousTitForTat'];

// ---------- small helpers ----------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function sv(parent, tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.append(e);
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
const fmt = (x, d = 3) => (typeof x === 'number' ? x.toFixed(d) : (x === null || x === undefined ? '' : String(x)));
const pct = (x) => (100 * x).toFixed(1) + '%';
function fraction(s) {
  const t = String(s);
  if (t.includes('/')) { const [a, b] = t.split('/'); return Number(a) / Number(b); }
  return Number(t);
}

// ---------- state and the link ----------

const state = {
  view: 'explorer', scenario: 'baseline-2025', upload: null, runs: '10000', seed: '',
  sets: new Map(), sweep: '', from: '', to: '', steps: '11', run: '0',
  a: 'TitForTat', b: 'Joss', turns: '50', noise: '0', file: '',
};
let schema = [];
const schemaByKey = new Map();
let scenarios = [];
let examples = [];
let ownValues = {};

function toHash() {
  const p = new URLSearchParams();
  p.set('view', state.view);
  if (!state.upload) p.set('scenario', state.scenario);
  p.set('runs', state.runs);
  if (state.seed !== '') p.set('seed', state.seed);
  for (const [k, v] of state.sets) p.append('set', `${k}=${v}`);
  if (state.sweep) { p.set('sweep', state.sweep); p.set('from', state.from); p.set('to', state.to); p.set('steps', state.steps); }
  if (state.view === 'trace') p.set('run', state.run);
  if (state.view === 'games') {
    for (const k of ['a', 'b', 'turns', 'noise']) p.set(k, state[k]);
    if (state.file) p.set('file', state.file);
  }
  return p.toString();
}

function fromHash(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const next = { ...state, sets: new Map() };
  for (const k of ['view', 'scenario', 'runs', 'seed', 'sweep', 'from', 'to', 'steps', 'run', 'a', 'b', 'turns', 'noise', 'file']) {
    if (p.has(k)) next[k] = p.get(k);
  }
  if (!p.has('file')) next.file = '';
  for (const raw of p.getAll('set')) {
    const i = raw.indexOf('=');
    if (i > 0) next.sets.set(raw.slice(0, i), raw.slice(i + 1));
  }
  if (p.has('scenario')) next.upload = null;
  next.autoSweep = p.has('sweep');
  return next;
}

function saveHash() {
  history.replaceState(null, '', '#' + toHash());
  $('share-link').href = '#' + toHash();
}

// ---------- the API ----------

let pending = 0;
function busy(delta, error) {
  pending += delta;
  const s = $('status');
  if (error) { s.dataset.state = 'error'; s.textContent = error; return; }
  s.dataset.state = pending > 0 ? 'loading' : 'ready';
  if (pending === 0 && s.textContent.startsWith('error')) s.textContent = '';
}

async function api(path, params, body) {
  const qs = new URLSearchParams();
  for (const [k, v] of params) qs.append(k, v);
  const url = '/api/' + path + (qs.toString() ? '?' + qs.toString() : '');
  const init = body === undefined || body === null ? {} : { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } };
  const r = await fetch(url, init);
  const text = await r.text();
  let data;
  try { data = JSON.parse(text); } catch (_) { data = { error: text }; }
  if (!r.ok) {
    const e = new Error(data.error || r.statusText);
    e.data = data;
    throw e;
  }
  return { data, command: r.headers.get('X-Catch22-Command') || '', url };
}

// A call whose answer is dropped when a newer call of the same kind started.
const generations = {};
async function latest(kind, fn) {
  const g = (generations[kind] = (generations[kind] || 0) + 1);
  busy(+1);
  try {
    const out = await fn();
    if (generations[kind] === g) { busy(-1); return out; }
    busy(-1);
    return null;
  } catch (e) {
    busy(-1, generations[kind] === g ? 'error: ' + e.message : undefined);
    if (generations[kind] === g) throw e;
    return null;
  }
}

function scenarioParams() {
  return state.upload ? [['name', state.upload.name]] : [['scenario', state.scenario]];
}
function scenarioBody() { return state.upload ? state.upload.text : null; }
function setParams(name) { return [...state.sets].map(([k, v]) => [name, `${k}=${v}`]); }
function seedParams() { return state.seed !== '' ? [['seed', state.seed]] : []; }

// ---------- the scenario and its keys ----------

function isNumeric(spec) { return spec.kind === 'float' || spec.kind === 'int'; }

function step(spec) {
  if (spec.kind === 'int') return 1;
  const span = spec.max - spec.min;
  return Math.pow(10, Math.floor(Math.log10(span / 100)));
}

function asText(v) { return typeof v === 'string' ? v : JSON.stringify(v); }

function currentValue(key) {
  return state.sets.has(key) ? state.sets.get(key) : asText(ownValues[key]);
}

function setValue(key, text) {
  if (text === asText(ownValues[key]) || (isNumeric(schemaByKey.get(key) || {}) && Number(text) === Number(ownValues[key]))) state.sets.delete(key);
  else state.sets.set(key, text);
  markKey(key);
  saveHash();
  scheduleExplore();
}

function markKey(key) {
  const row = document.querySelector(`.key[data-key="${CSS.escape(key)}"]`);
  if (!row) return;
  row.classList.toggle('changed', state.sets.has(key));
  const v = row.querySelector('.value');
  if (v) v.textContent = currentValue(key);
}

function keyControl(spec) {
  const value = currentValue(spec.key);
  const id = 'key-' + spec.key.replace(/[^a-z0-9]/gi, '-');
  let input;
  if (spec.kind === 'bool') {
    input = el('input', { type: 'checkbox', id });
    input.checked = value === 'true';
    input.addEventListener('change', () => setValue(spec.key, input.checked ? 'true' : 'false'));
  } else if (spec.kind === 'choice') {
    input = el('select', { id }, ...spec.options.map((o) => el('option', { value: o, text: o })));
    input.value = value;
    input.addEventListener('change', () => setValue(spec.key, input.value));
  } else if (isNumeric(spec) && spec.max - spec.min <= (spec.kind === 'int' ? 200 : 1000)) {
    input = el('input', { type: 'range', id, min: spec.min, max: spec.max, step: step(spec) });
    input.value = value;
    input.addEventListener('input', () => {
      const s = step(spec);
      const digits = Math.max(0, -Math.floor(Math.log10(s)));
      setValue(spec.key, spec.kind === 'int' ? String(Math.round(input.value)) : Number(input.value).toFixed(digits).replace(/\.?0+$/, '') || '0');
    });
  } else {
    input = el('input', { type: 'number', id, min: spec.min, max: spec.max, step: spec.kind === 'int' ? 1 : 'any' });
    input.value = value;
    input.addEventListener('change', () => setValue(spec.key, input.value));
  }
  const row = el('div', { class: 'key', 'data-key': spec.key, title: `${spec.doc} (${spec.range}; ${spec.basis})` },
    el('label', { for: id, text: spec.key }),
    el('span', { class: 'value', text: value }),
    input,
    el('div', { class: 'doc', text: `${spec.doc} — ${spec.range}` }));
  if (state.sets.has(spec.key)) row.classList.add('changed');
  return row;
}

function buildKeys() {
  const box = clear($('keys'));
  const groups = new Map();
  for (const spec of schema) {
    if (spec.kind === 'text' || spec.key === 'scenario.runs' || spec.key === 'scenario.seed') continue;
    const g = spec.key.split('.')[0];
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(spec);
  }
  for (const [g, specs] of groups) {
    box.append(el('fieldset', {}, el('legend', { text: g }), ...specs.map(keyControl)));
  }
  filterKeys();
}

function filterKeys() {
  const f = $('filter').value.trim().toLowerCase();
  for (const row of document.querySelectorAll('#keys .key')) {
    row.hidden = f !== '' && !row.dataset.key.toLowerCase().includes(f) && !row.title.toLowerCase().includes(f);
  }
}

async function loadScenario() {
  const out = await latest('scenario', () => api('check', scenarioParams(), scenarioBody()));
  if (!out) return false;
  ownValues = out.data.values;
  if (state.seed === '') $('seed').placeholder = asText(ownValues['scenario.seed']);
  const shipped = scenarios.find((s) => s.name === state.scenario);
  $('scenario-description').textContent = state.upload ? `uploaded: ${state.upload.name}` : (shipped ? shipped.description : '');
  buildKeys();
  fillSweepKeys();
  return true;
}

// ---------- explorer: outcomes, comparison, sweep ----------

let exploreTimer = null;
function scheduleExplore() {
  clearTimeout(exploreTimer);
  exploreTimer = setTimeout(() => { if (state.view === 'explorer') explore(); }, 120);
}

async function explore() {
  const base = [...scenarioParams(), ['runs', state.runs], ...seedParams()];
  const run = latest('run', () => api('run', [...base, ...setParams('set')], scenarioBody()));
  const cmp = state.sets.size > 0 ? latest('compare', () => api('compare', [...base, ...setParams('set_b')], scenarioBody())) : null;
  try {
    const out = await run;
    if (out) drawOutcomes(out);
  } catch (_) { /* shown in the status line */ }
  if (cmp) {
    try {
      const out = await cmp;
      if (out) drawCompare(out.data);
    } catch (_) { /* shown */ }
  } else {
    generations.compare = (generations.compare || 0) + 1;
    clear($('compare-table'));
    $('compare-note').textContent = 'The settings are the scenario\'s own: move a slider to compare.';
  }
}

function drawOutcomes(out) {
  const rows = out.data;
  const svg = clear($('outcome-chart'));
  const x0 = 120, w = 400, h = 26;
  rows.forEach((r, i) => {
    const y = 15 + i * 32;
    const x = (p) => x0 + w * p;
    sv(svg, 'text', { x: 8, y: y + 17 }, r.outcome);
    sv(svg, 'rect', { x: x0, y, width: w, height: h, fill: '#f0f2f5' });
    sv(svg, 'rect', { x: x0, y, width: Math.max(0.5, w * r.probability), height: h, fill: COLORS[r.outcome] || '#888', 'data-outcome': r.outcome, 'data-p': fmt(r.probability, 6) });
    sv(svg, 'line', { x1: x(r.ci_low), x2: x(r.ci_high), y1: y + h / 2, y2: y + h / 2, stroke: '#1d2733', 'stroke-width': 1.5 });
    for (const p of [r.ci_low, r.ci_high]) sv(svg, 'line', { x1: x(p), x2: x(p), y1: y + 6, y2: y + h - 6, stroke: '#1d2733', 'stroke-width': 1.5 });
    sv(svg, 'text', { x: x0 + w + 8, y: y + 17 }, pct(r.probability));
  });
  const t = clear($('outcome-table'));
  t.append(el('tr', {}, ...['outcome', 'probability', '95% interval', 'count', 'runs', 'mean round'].map((c) => el('th', { text: c }))));
  for (const r of rows) {
    t.append(el('tr', { 'data-outcome': r.outcome, 'data-p': fmt(r.probability, 6), 'data-ci-low': fmt(r.ci_low, 6), 'data-ci-high': fmt(r.ci_high, 6) },
      el('td', {}, el('span', { class: 'swatch', 'data-color': r.outcome }), r.outcome),
      el('td', { text: fmt(r.probability, 4) }),
      el('td', { text: `[${fmt(r.ci_low, 4)}, ${fmt(r.ci_high, 4)}]` }),
      el('td', { text: String(r.count) }),
      el('td', { text: String(r.runs) }),
      el('td', { text: r.mean_round === null ? '' : fmt(r.mean_round, 1) })));
  }
  paintSwatches(t);
  $('outcome-table').dataset.url = out.url;
  $('command').textContent = out.command;
  saveHash();
}

function paintSwatches(root) {
  for (const s of root.querySelectorAll('.swatch')) {
    const svg = document.createElementNS(SVGNS, 'svg');
    svg.setAttribute('width', '11'); svg.setAttribute('height', '11'); svg.setAttribute('class', 'swatch');
    sv(svg, 'rect', { width: 11, height: 11, rx: 2, fill: COLORS[s.dataset.color] || REGION_COLORS[s.dataset.color] || '#999' });
    s.replaceWith(svg);
  }
}

function drawCompare(rows) {
  const t = clear($('compare-table'));
  const changes = [...state.sets].map(([k, v]) => `${k} = ${v} (own: ${asText(ownValues[k])})`).join('; ');
  $('compare-note').textContent = `B is the current settings: ${changes}. A is the scenario as written.`;
  t.append(el('tr', {}, ...['outcome', 'own (A)', 'current (B)', 'difference B − A', '95% interval'].map((c) => el('th', { text: c }))));
  for (const r of rows) {
    t.append(el('tr', { 'data-outcome': r.outcome, 'data-diff': fmt(r.diff, 6) },
      el('td', { text: r.outcome }), el('td', { text: fmt(r.p_a, 4) }), el('td', { text: fmt(r.p_b, 4) }),
      el('td', { text: (r.diff >= 0 ? '+' : '') + fmt(r.diff, 4) }),
      el('td', { text: `[${fmt(r.diff_low, 4)}, ${fmt(r.diff_high, 4)}]` })));
  }
}

function fillSweepKeys() {
  const s = $('sweep-key');
  clear(s);
  for (const spec of schema) {
    if (isNumeric(spec) && spec.key !== 'scenario.runs' && spec.key !== 'scenario.seed') s.append(el('option', { value: spec.key, text: spec.key }));
  }
  if (!state.sweep) state.sweep = 'lifeline.probability';
  s.value = state.sweep;
  sweepDefaults(false);
}

function sweepDefaults(force) {
  const spec = schemaByKey.get($('sweep-key').value);
  if (!spec) return;
  if (force || state.from === '' || state.to === '') {
    const [lo, hi] = spec.plausible || [spec.min, spec.max];
    state.from = String(lo);
    state.to = String(hi);
  }
  $('sweep-from').value = state.from;
  $('sweep-to').value = state.to;
  $('sweep-steps').value = state.steps;
}

async function sweep() {
  state.sweep = $('sweep-key').value;
  state.from = $('sweep-from').value;
  state.to = $('sweep-to').value;
  state.steps = $('sweep-steps').value;
  saveHash();
  const vary = `${state.sweep}=${state.from}:${state.to}:${state.steps}`;
  const params = [...scenarioParams(), ['runs', $('sweep-runs').value], ...seedParams(), ...setParams('set').filter(([, kv]) => !kv.startsWith(state.sweep + '=')), ['vary', vary]];
  try {
    const out = await latest('sweep', () => api('sweep', params, scenarioBody()));
    if (out) drawSweep(out.data, state.sweep);
  } catch (_) { /* shown */ }
}

function drawSweep(rows, key) {
  const svg = clear($('sweep-chart'));
  const xs = [...new Set(rows.map((r) => Number(r[key])))].sort((a, b) => a - b);
  const L = 50, R = 420, T = 15, B = 225;
  const lo = xs[0], hi = xs[xs.length - 1];
  const x = (v) => (hi === lo ? (L + R) / 2 : L + (R - L) * (v - lo) / (hi - lo));
  const y = (p) => B - (B - T) * p;
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    sv(svg, 'line', { x1: L, x2: R, y1: y(p), y2: y(p), class: 'grid' });
    sv(svg, 'text', { x: L - 6, y: y(p) + 4, 'text-anchor': 'end' }, p.toFixed(2));
  }
  for (const v of xs) sv(svg, 'text', { x: x(v), y: B + 15, 'text-anchor': 'middle' }, String(+v.toPrecision(4)));
  sv(svg, 'text', { x: (L + R) / 2, y: B + 32, 'text-anchor': 'middle' }, key);
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  outcomes.forEach((o, i) => {
    const pts = rows.filter((r) => r.outcome === o).sort((a, b) => Number(a[key]) - Number(b[key]));
    const band = pts.map((r) => `${x(Number(r[key]))},${y(r.ci_high)}`).concat(pts.slice().reverse().map((r) => `${x(Number(r[key]))},${y(r.ci_low)}`));
    sv(svg, 'polygon', { points: band.join(' '), fill: COLORS[o] || '#888', 'fill-opacity': 0.15 });
    sv(svg, 'polyline', { points: pts.map((r) => `${x(Number(r[key]))},${y(r.probability)}`).join(' '), fill: 'none', stroke: COLORS[o] || '#888', 'stroke-width': 2 });
    for (const r of pts) sv(svg, 'circle', { cx: x(Number(r[key])), cy: y(r.probability), r: 2.5, fill: COLORS[o] || '#888', 'data-outcome': o, 'data-x': String(r[key]), 'data-p': fmt(r.probability, 6) });
    sv(svg, 'rect', { x: R + 15, y: T + i * 20, width: 10, height: 10, fill: COLORS[o] || '#888' });
    sv(svg, 'text', { x: R + 30, y: T + 9 + i * 20 }, o);
  });
}

function download() {
  const shipped = scenarios.find((s) => s.name === state.scenario);
  const name = state.upload ? state.upload.name : `${state.scenario}.toml`;
  const text = state.upload ? state.upload.text : (shipped ? shipped.text : '');
  const arg = state.upload ? state.upload.name : state.scenario;
  const words = $('command').textContent.split(' ');
  if (words.length > 2 && words[2] === arg) words[2] = name;
  const head = `# Reproduce the explorer's numbers (catch22 serve) in the folder of this file:\n#   ${words.join(' ')}\n# Link: ${location.origin}/#${toHash()}\n`;
  const blob = new Blob([head + text], { type: 'application/toml' });
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// ---------- one run ----------

let traceRows = [];
let traceText = [];
let traceAt = 0;

async function trace() {
  state.run = $('trace-run').value || '0';
  saveHash();
  const params = [...scenarioParams(), ...seedParams(), ['run', state.run], ...setParams('set')];
  try {
    const out = await latest('trace', () => api('trace', params, scenarioBody()));
    if (!out) return;
    traceRows = out.data.rows;
    traceText = out.data.text.split('\n');
    $('trace-command').textContent = out.command;
    $('trace-slider').max = String(Math.max(0, traceRows.length - 1));
    $('trace-rounds').textContent = String(traceRows.length);
    traceAt = 0;
    drawTrace();
  } catch (_) { /* shown */ }
}

function numericColumns(rows) {
  if (!rows.length) return [];
  return Object.keys(rows[0]).filter((k) => k !== 'round' && rows.every((r) => typeof r[k] === 'number'));
}

function drawTrace() {
  const svg = clear($('trace-chart'));
  const rows = traceRows;
  if (!rows.length) return;
  const cols = numericColumns(rows);
  const L = 40, R = 560, T = 12, B = 250;
  const n = rows.length;
  const x = (i) => L + (R - L) * (n === 1 ? 0.5 : i / (n - 1));
  const y = (v) => B - (B - T) * Math.max(0, Math.min(1, v));
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    sv(svg, 'line', { x1: L, x2: R, y1: y(p), y2: y(p), class: 'grid' });
    sv(svg, 'text', { x: L - 5, y: y(p) + 4, 'text-anchor': 'end' }, p.toFixed(2));
  }
  cols.forEach((c, k) => {
    const color = SERIES_COLORS[k % SERIES_COLORS.length];
    sv(svg, 'polyline', { points: rows.map((r, i) => `${x(i)},${y(r[c])}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 1.6 });
    sv(svg, 'rect', { x: R + 14, y: T + k * 17, width: 10, height: 10, fill: color });
    sv(svg, 'text', { x: R + 28, y: T + 9 + k * 17 }, c);
  });
  rows.forEach((r, i) => {
    if (r.events) sv(svg, 'path', { d: `M${x(i)},${B + 4} l-4,8 h8 z`, fill: '#c98a1b' }).append(sv(null, 'title', {}, `round ${r.round}: ${r.events}`));
  });
  sv(svg, 'text', { x: (L + R) / 2, y: B + 26, 'text-anchor': 'middle' }, 'round');
  sv(svg, 'line', { id: 'trace-cursor', x1: x(traceAt), x2: x(traceAt), y1: T, y2: B, stroke: '#1d2733', 'stroke-dasharray': '3 3' });
  showRound();
}

function showRound() {
  const rows = traceRows;
  if (!rows.length) return;
  traceAt = Math.max(0, Math.min(rows.length - 1, traceAt));
  const r = rows[traceAt];
  $('trace-slider').value = String(traceAt);
  $('trace-round').textContent = String(r.round);
  const n = rows.length;
  const cx = 40 + 520 * (n === 1 ? 0.5 : traceAt / (n - 1));
  const cur = document.getElementById('trace-cursor');
  if (cur) { cur.setAttribute('x1', cx); cur.setAttribute('x2', cx); }
  const t = clear($('trace-detail'));
  t.dataset.round = String(r.round);
  for (const [k, v] of Object.entries(r)) t.append(el('tr', {}, el('th', { text: k }), el('td', { text: typeof v === 'number' ? fmt(v, 3) : String(v) })));
  const lines = [];
  let inside = false;
  for (const line of traceText) {
    const m = line.match(/^round\s+(\d+)/);
    if (m) inside = Number(m[1]) === r.round;
    else if (!line.startsWith(' ')) inside = false;
    if (inside || line.startsWith('outcome') && traceAt === n - 1 || line.startsWith('payoffs') && traceAt === n - 1) lines.push(line);
  }
  $('trace-text').textContent = traceText.slice(0, 3).join('\n') + '\n...\n' + lines.join('\n');
}

// ---------- the trap ----------

async function trap() {
  const params = [...scenarioParams(), ['runs', $('trap-runs').value], ...seedParams(), ['map_steps', $('trap-steps').value], ...setParams('set')];
  try {
    const out = await latest('trap', () => api('explain', params, scenarioBody()));
    if (out) drawTrap(out.data, out.command);
  } catch (_) { /* shown */ }
}

function drawTrap(e, command) {
  const g = e.stage_game;
  const t = clear($('stage-table'));
  t.append(el('tr', {}, el('th', { text: 'Iran \\ US' }), ...g.us_actions.map((a) => el('th', { text: a }))));
  g.iran_actions.forEach((ia, i) => {
    const cells = g.us_actions.map((ua, j) => {
      const ib = g.iran_best[i][j], ub = g.us_best[i][j];
      return el('td', { class: ib && ub ? 'best-both' : '', 'data-iran': ia, 'data-us': ua },
        `${fmt(Number(g.iran[i][j]), 2)}${ib ? '*' : ''} / ${fmt(Number(g.us[i][j]), 2)}${ub ? '+' : ''}`);
    });
    t.append(el('tr', {}, el('th', { text: ia }), ...cells));
  });
  const ul = clear($('equilibria'));
  for (const q of e.equilibria) {
    const side = (names, probs) => probs.map((p, k) => [names[k], p]).filter(([, p]) => fraction(p) > 0).map(([n, p]) => `${n} ${p}`).join(', ');
    ul.append(el('li', { text: `Iran: ${side(g.iran_actions, q.strategies[0])}; US: ${side(g.us_actions, q.strategies[1])}; payoffs Iran ${fmt(fraction(q.payoffs[0]), 3)}, US ${fmt(fraction(q.payoffs[1]), 3)}` }));
  }
  const svg = clear($('trap-map'));
  const steps = e.map.steps;
  const L = 45, T = 10, S = 300;
  const size = S / steps;
  const regions = new Set();
  for (const c of e.map.cells) {
    const col = Math.round(c.leverage * (steps - 1));
    const row = Math.round(c.resilience * (steps - 1));
    regions.add(c.region);
    sv(svg, 'rect', { x: L + col * size, y: T + (steps - 1 - row) * size, width: size, height: size, fill: REGION_COLORS[c.region] || '#bbb', 'data-region': c.region })
      .append(sv(null, 'title', {}, `resilience ${c.resilience}, leverage ${c.leverage}: ${c.region}`));
  }
  const ix = L + e.initial.leverage * (steps - 1) * size + size / 2;
  const iy = T + (steps - 1 - e.initial.resilience * (steps - 1)) * size + size / 2;
  sv(svg, 'circle', { cx: ix, cy: iy, r: Math.max(4, size / 2.5), fill: 'none', stroke: '#1d2733', 'stroke-width': 2 });
  for (const v of [0, 0.5, 1]) {
    sv(svg, 'text', { x: L + v * (S - size) + size / 2, y: T + S + 14, 'text-anchor': 'middle' }, String(v));
    sv(svg, 'text', { x: L - 5, y: T + (1 - v) * (S - size) + size / 2 + 4, 'text-anchor': 'end' }, String(v));
  }
  sv(svg, 'text', { x: L + S / 2, y: T + S + 30, 'text-anchor': 'middle' }, 'leverage');
  sv(svg, 'text', { x: 12, y: T + S / 2, transform: `rotate(-90 12 ${T + S / 2})`, 'text-anchor': 'middle' }, 'resilience');
  const legend = clear($('trap-legend'));
  for (const r of regions) legend.append(el('div', {}, el('span', { class: 'swatch', 'data-color': r }), r));
  legend.append(el('div', { text: `○ the scenario's start: ${e.initial.region}` }));
  paintSwatches(legend);
  $('reading').textContent = e.reading;
  $('trap-command').textContent = command;
}

// ---------- classic games ----------

async function playMatch() {
  for (const k of ['a', 'b', 'turns', 'noise']) state[k] = $('match-' + k).value;
  saveHash();
  const params = [['a', state.a], ['b', state.b], ['turns', state.turns], ['noise', state.noise], ['seed', $('match-seed').value]];
  try {
    const out = await latest('match', () => api('match', params));
    if (!out) return;
    const f = out.data.first;
    const m = out.data.matches[0];
    const svg = clear($('match-chart'));
    const n = f.shown;
    const w = Math.max(1, 640 / Math.max(n, 1));
    sv(svg, 'text', { x: 4, y: 32 }, 'A');
    sv(svg, 'text', { x: 4, y: 72 }, 'B');
    for (let i = 0; i < n; i++) {
      for (const [row, moves] of [[0, f.a], [1, f.b]]) {
        sv(svg, 'rect', { x: 30 + i * w, y: 18 + row * 40, width: Math.max(0.5, w - 0.5), height: 20, fill: moves[i] === 'C' ? '#2f7d4f' : '#b8452f', 'data-move': moves[i] })
          .append(sv(null, 'title', {}, `turn ${i + 1}: ${moves[i]} (payoff ${row === 0 ? f.payoff_a[i] : f.payoff_b[i]})`));
      }
    }
    sv(svg, 'text', { x: 30, y: 112 }, 'green: cooperate (C), red: defect (D)');
    $('match-score').textContent = `${m.player_a} ${fmt(m.score_a, 0)} : ${fmt(m.score_b, 0)} ${m.player_b} over ${m.turns} turns (cooperation ${pct(m.cooperation_rate_a)} and ${pct(m.cooperation_rate_b)}; winner ${m.winner})`;
    $('match-command').textContent = out.command;
  } catch (_) { /* shown */ }
}

function tomlString(s) { return JSON.stringify(s); }

function tournamentText() {
  const file = $('tournament-file').value;
  if (file) return { name: file.split('/').pop(), text: examples.find((e) => e.name === file).text };
  const players = [...document.querySelectorAll('#tournament-field input:checked')].map((i) => i.value);
  const text = `[tournament]\nplayers = [${players.map(tomlString).join(', ')}]\nturns = ${$('tournament-turns').value}\nrepetitions = ${$('tournament-reps').value}\nnoise = ${$('tournament-noise').value}\nseed = 1\n`;
  return { name: 'tournament.toml', text };
}

async function tournament() {
  const { name, text } = tournamentText();
  state.file = $('tournament-file').value;
  saveHash();
  $('tournament-error').hidden = true;
  try {
    const out = await latest('tournament', () => api('tournament', [['name', name]], text));
    if (!out) return;
    const t = clear($('tournament-table'));
    t.append(el('tr', {}, ...['rank', 'strategy', 'median score per turn', 'mean', 'wins', 'cooperation'].map((c) => el('th', { text: c }))));
    for (const r of out.data) {
      t.append(el('tr', { 'data-rank': String(r.rank), 'data-name': r.name },
        el('td', { text: String(r.rank) }), el('td', { class: 'text', text: r.name }), el('td', { text: fmt(r.median_score_per_turn, 3) }),
        el('td', { text: fmt(r.mean_score_per_turn, 3) }), el('td', { text: String(r.wins) }), el('td', { text: pct(r.cooperation_rate) })));
    }
    $('tournament-command').textContent = `${out.command}\n# with ${name}:\n${text}`;
  } catch (e) {
    $('tournament-error').hidden = false;
    $('tournament-error').textContent = e.message;
  }
}

function replicatorText() {
  const file = $('replicator-file').value;
  if (file) return { name: file.split('/').pop(), text: examples.find((e) => e.name === file).text };
  const names = ['rep-a', 'rep-b', 'rep-c'].map((id) => $(id).value);
  const shares = names.map((n, i) => `${tomlString(n)} = ${i === 2 ? '0.34' : '0.33'}`).join(', ');
  const text = `[tournament]\nplayers = [${names.map(tomlString).join(', ')}]\nturns = 100\nrepetitions = 5\nseed = 1\n\n[replicator]\nshares = { ${shares} }\nsteps = 3000\ndt = 0.01\nevery = 10\n`;
  return { name: 'replicator.toml', text };
}

async function replicate() {
  const { name, text } = replicatorText();
  try {
    const out = await latest('replicator', () => api('replicator', [['name', name]], text));
    if (!out) return;
    drawReplicator(out.data);
    $('replicator-command').textContent = `${out.command}\n# with ${name}:\n${text}`;
  } catch (_) { /* shown */ }
}

function drawReplicator(rows) {
  const svg = clear($('replicator-chart'));
  if (!rows.length) return;
  const names = Object.keys(rows[0]).filter((k) => k !== 'step' && k !== 'time');
  if (names.length === 3) {
    const A = [210, 20], B = [30, 330], C = [390, 330];
    const pt = (r) => {
      const [a, b, c] = names.map((n) => r[n]);
      return [a * A[0] + b * B[0] + c * C[0], a * A[1] + b * B[1] + c * C[1]];
    };
    sv(svg, 'polygon', { points: [A, B, C].map((p) => p.join(',')).join(' '), fill: '#fbfcfd', stroke: '#9aa5b1' });
    sv(svg, 'text', { x: A[0], y: A[1] - 5, 'text-anchor': 'middle' }, names[0]);
    sv(svg, 'text', { x: B[0], y: B[1] + 18, 'text-anchor': 'middle' }, names[1]);
    sv(svg, 'text', { x: C[0], y: C[1] + 18, 'text-anchor': 'middle' }, names[2]);
    sv(svg, 'polyline', { points: rows.map((r) => pt(r).join(',')).join(' '), fill: 'none', stroke: '#24415e', 'stroke-width': 2 });
    const [sx, sy] = pt(rows[0]);
    const [ex, ey] = pt(rows[rows.length - 1]);
    sv(svg, 'circle', { cx: sx, cy: sy, r: 4, fill: '#fff', stroke: '#24415e', 'stroke-width': 2 });
    sv(svg, 'circle', { cx: ex, cy: ey, r: 4, fill: '#24415e', 'data-end': names.map((n) => fmt(rows[rows.length - 1][n], 4)).join(',') });
    sv(svg, 'text', { x: 210, y: 372, 'text-anchor': 'middle' }, `○ start, ● after t = ${fmt(rows[rows.length - 1].time, 1)}`);
    return;
  }
  const L = 40, R = 300, T = 15, B = 330;
  const t1 = rows[rows.length - 1].time || 1;
  const x = (t) => L + (R - L) * t / t1;
  const y = (v) => B - (B - T) * v;
  for (const p of [0, 0.5, 1]) sv(svg, 'text', { x: L - 5, y: y(p) + 4, 'text-anchor': 'end' }, String(p));
  names.forEach((n, k) => {
    const color = SERIES_COLORS[k % SERIES_COLORS.length];
    sv(svg, 'polyline', { points: rows.map((r) => `${x(r.time)},${y(r[n])}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 });
    sv(svg, 'text', { x: R + 10, y: T + 12 + k * 16, fill: color }, n);
  });
  sv(svg, 'text', { x: (L + R) / 2, y: B + 25, 'text-anchor': 'middle' }, 'time');
}

// ---------- views and wiring ----------

function showView(view) {
  state.view = ['explorer', 'trace', 'trap', 'games', 'lessons'].includes(view) ? view : 'explorer';
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + state.view;
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === state.view);
  $('scenario-bar').hidden = state.view === 'games' || state.view === 'lessons';
  saveHash();
  if (state.view === 'explorer') {
    explore();
    if (state.autoSweep) { state.autoSweep = false; sweep(); }
  }
  if (state.view === 'trace') trace();
  if (state.view === 'trap') trap();
  if (state.view === 'games') {
    playMatch();
    const ex = examples.find((e) => e.name === state.file);
    if (ex && ex.tables.includes('tournament')) { $('tournament-file').value = ex.name; tournament(); }
    if (ex && ex.tables.includes('replicator')) { $('replicator-file').value = ex.name; replicate(); }
  }
}

function fillInputs() {
  $('runs').value = state.runs;
  $('seed').value = state.seed;
  $('trace-run').value = state.run;
  for (const k of ['a', 'b', 'turns', 'noise']) $('match-' + k).value = state[k];
  const sel = $('scenario');
  if (!state.upload) sel.value = state.scenario;
}

async function applyHash() {
  const next = fromHash(location.hash);
  const reload = next.scenario !== state.scenario || (state.upload && !next.upload);
  Object.assign(state, next);
  fillInputs();
  if (reload || !Object.keys(ownValues).length) {
    try { await loadScenario(); } catch (_) { /* shown */ }
  } else {
    buildKeys();
    fillSweepKeys();
  }
  showView(state.view);
}

async function upload(file) {
  const box = $('upload-error');
  box.hidden = true;
  const text = await file.text();
  const name = file.name;
  try {
    await api('check', [['name', name]], text);
  } catch (e) {
    box.hidden = false;
    box.textContent = e.message;
    $('upload').value = '';
    return;
  }
  state.upload = { name, text };
  state.sets.clear();
  const sel = $('scenario');
  let opt = sel.querySelector('option[data-upload]');
  if (!opt) { opt = el('option', { 'data-upload': true }); sel.append(opt); }
  opt.value = '#upload';
  opt.textContent = `uploaded: ${name}`;
  sel.value = '#upload';
  await loadScenario();
  showView(state.view === 'games' || state.view === 'lessons' ? 'explorer' : state.view);
}

function wire() {
  $('scenario').addEventListener('change', async () => {
    const v = $('scenario').value;
    if (v === '#upload') return;
    state.scenario = v;
    state.upload = null;
    state.sets.clear();
    await loadScenario();
    showView(state.view);
  });
  $('upload').addEventListener('change', () => { const f = $('upload').files[0]; if (f) upload(f); });
  $('runs').addEventListener('change', () => { state.runs = $('runs').value; saveHash(); scheduleExplore(); });
  $('seed').addEventListener('change', () => { state.seed = $('seed').value; saveHash(); showView(state.view); });
  $('filter').addEventListener('input', filterKeys);
  $('reset-all').addEventListener('click', () => { state.sets.clear(); buildKeys(); saveHash(); scheduleExplore(); });
  $('sweep-key').addEventListener('change', () => { state.sweep = $('sweep-key').value; sweepDefaults(true); });
  $('sweep-go').addEventListener('click', sweep);
  $('download').addEventListener('click', download);
  $('trace-go').addEventListener('click', trace);
  $('trace-first').addEventListener('click', () => { traceAt = 0; showRound(); });
  $('trace-prev').addEventListener('click', () => { traceAt -= 1; showRound(); });
  $('trace-next').addEventListener('click', () => { traceAt += 1; showRound(); });
  $('trace-last').addEventListener('click', () => { traceAt = traceRows.length - 1; showRound(); });
  $('trace-slider').addEventListener('input', () => { traceAt = Number($('trace-slider').value); showRound(); });
  $('trap-go').addEventListener('click', trap);
  $('match-go').addEventListener('click', playMatch);
  $('tournament-go').addEventListener('click', tournament);
  $('replicator-go').addEventListener('click', replicate);
  for (const a of document.querySelectorAll('#tabs a')) {
    a.addEventListener('click', (ev) => { ev.preventDefault(); showView(a.dataset.view); });
  }
  window.addEventListener('hashchange', applyHash);
}

async function init() {
  wire();
  try {
    const [sc, sch, ex, st, le] = await Promise.all(['scenarios', 'schema', 'examples', 'strategies', 'lessons'].map((p) => api(p, [])));
    scenarios = sc.data;
    schema = sch.data;
    for (const s of schema) schemaByKey.set(s.key, s);
    examples = ex.data;
    for (const s of scenarios) $('scenario').append(el('option', { value: s.name, text: s.name }));
    for (const s of st.data) $('strategy-names').append(el('option', { value: s.name }));
    for (const e of examples) {
      if (e.tables.includes('tournament')) $('tournament-file').append(el('option', { value: e.name, text: e.name }));
      if (e.tables.includes('replicator')) $('replicator-file').append(el('option', { value: e.name, text: e.name }));
    }
    $('tournament-field').append(...st.data.map((s) => el('label', { title: s.definition },
      el('input', { type: 'checkbox', value: s.name, checked: DEFAULT_FIELD.includes(s.name) }), ' ' + s.name)));
    const ol = $('lessons');
    for (const l of le.data) {
      ol.append(el('li', {}, el('b', { text: l.title }), ' ', ...l.links.map((h, k) => el('a', { href: '#' + h, text: k === 0 ? 'open' : `open (${k + 1})` }))));
    }
  } catch (e) {
    busy(0, 'error: ' + e.message);
    return;
  }
  await applyHash();
}

init();
