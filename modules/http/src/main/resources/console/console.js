// The console's poll loop: every 2 s it reads this node's JSON endpoints and /metrics and
// redraws. A failing endpoint shows its error and the rest carries on; polling never stops.

import { html, clear, setValue, count, bytes, ago } from './dom.js';
import { drawRing, drawOwners, colorsFor } from './ring.js';
import { memberRows, drawMembers } from './members.js';
import { drawChart } from './chart.js';
import { parseSamples, requestSnapshot, requestRates, OPERATIONS } from './prometheus.js';

const POLL_MS = 2000;
const FETCH_TIMEOUT_MS = 8000; // GET /v1/status may take up to 7 s on a busy node
const WINDOW_MS = 5 * 60 * 1000;
const MIN_WINDOW_MS = 60 * 1000;
const OP_COLORS = { get: '#4e79a7', put: '#f28e2b', delete: '#e15759' };
const HANDOFF_ROWS = 4;

// Relative to /console/, so a proxy may serve the node under a path prefix.
const ENDPOINTS = {
  ring: '../v1/ring',
  status: '../v1/status',
  handoff: '../v1/handoff',
  members: '../v1/members',
  metrics: '../metrics',
};

const state = {
  polls: 0,
  lastSnapshot: null, // {t, snapshot} of the previous /metrics scrape
  history: [], // [{t, rates}] within the chart window
  errors: {}, // endpoint -> message
};

// A node with HTTP auth on answers 401: the token field appears, and the token given is kept
// in sessionStorage (this tab only, gone when it closes) and sent as a bearer token.
const TOKEN_KEY = 'dynakv.token';

function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    return null; // storage disabled: the token lives as long as the page
  }
}

let pageToken = storedToken();

function authHeaders() {
  return pageToken ? { Authorization: `Bearer ${pageToken}` } : {};
}

function askForToken(refused) {
  const form = document.getElementById('auth');
  document.getElementById('auth-note').textContent = refused ? 'the token given was refused' : '';
  form.hidden = false;
}

function setupTokenForm() {
  const form = document.getElementById('auth');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('auth-token');
    const value = input.value.trim();
    if (!value) return;
    pageToken = value;
    try {
      sessionStorage.setItem(TOKEN_KEY, value);
    } catch (e) {
      // storage disabled: keep it for this page only
    }
    input.value = '';
    form.hidden = true;
  });
}

class HttpError extends Error {
  constructor(status, text) {
    super(`${status} ${text}`.trim());
    this.status = status;
  }
}

async function fetchEndpoint(name, asText) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(ENDPOINTS[name], {
      signal: controller.signal,
      cache: 'no-store',
      headers: authHeaders(),
    });
    if (response.status === 401) askForToken(Boolean(pageToken));
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const body = await response.json();
        detail = body.detail || body.error || detail;
      } catch (e) {
        // not JSON: keep the status text
      }
      throw new HttpError(response.status, detail);
    }
    return asText ? await response.text() : await response.json();
  } catch (e) {
    if (e.name === 'AbortError') throw new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
    if (e instanceof TypeError) throw new Error(`node unreachable (${e.message})`);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function poll() {
  const started = Date.now();
  const names = ['ring', 'status', 'handoff', 'members', 'metrics'];
  const answers = await Promise.allSettled(names.map((n) => fetchEndpoint(n, n === 'metrics')));
  const got = {};
  names.forEach((name, i) => {
    const a = answers[i];
    if (a.status === 'fulfilled') {
      got[name] = a.value;
      delete state.errors[name];
    } else {
      got[name] = undefined;
      got[name + 'Error'] = a.reason;
      // A node without /v1/members or /metrics is an older or smaller build, not a failure.
      if (!(a.reason instanceof HttpError && a.reason.status === 404 && (name === 'members' || name === 'metrics'))) {
        state.errors[name] = a.reason.message;
      }
    }
  });
  try {
    render(got, started);
  } catch (e) {
    state.errors.console = `rendering failed: ${e.message}`;
    console.error(e);
  }
  renderErrors();
  state.polls++;
  document.body.dataset.polls = String(state.polls);
  document.body.dataset.loaded = 'true';
  setTimeout(poll, Math.max(0, POLL_MS - (Date.now() - started)));
}

function render(got, now) {
  const ring = got.ring;
  const status = got.status;
  const members = got.members;
  const nodes = [];
  if (ring) nodes.push(...ring.members, ...(ring.transition ? ring.transition.members : []));
  if (members) nodes.push(...members.members.map((m) => m.node));
  const colors = colorsFor(nodes);
  const self = (status && status.node) || (members && members.node) || null;

  if (self) setValue('this-node', self);
  if (ring) renderRing(ring, colors);
  if (ring || members) renderMembers(members, ring, colors, self);
  if (status) renderStatus(status, now);
  if (got.handoff) renderHandoff(got.handoff);
  renderRequests(got.metrics, got.metricsError, now);
  if (ring && status) document.getElementById('updated').textContent = new Date(now).toLocaleTimeString('en-GB');
}

function renderRing(ring, colors) {
  const moving = drawRing(document.getElementById('ring'), ring, colors);
  drawOwners(document.getElementById('owners').tBodies[0], ring, colors);
  setValue('ring-epoch', ring.epoch);
  const pill = document.getElementById('ring-state');
  pill.textContent = ring.transition ? 'in transition' : 'settled';
  pill.className = ring.transition ? 'pill warn' : 'pill ok';
  pill.dataset.value = ring.transition ? 'transition' : 'settled';
  document.getElementById('ring-summary').textContent =
    `${ring.members.length} members · ${ring.partitions} partitions`;
  document.getElementById('ring-note').textContent = ring.transition
    ? `${moving} partitions change owner (faded, next owner's colour outside).`
    : '';
}

function renderMembers(members, ring, colors, self) {
  document.getElementById('members-source').textContent = members
    ? 'as Akka Cluster sees them'
    : 'from the ring (this node does not serve /v1/members: reachability unknown)';
  const table = document.getElementById('members');
  table.dataset.source = members ? 'members' : 'ring';
  drawMembers(table.tBodies[0], memberRows(members, ring), ring, colors, self);
}

function renderStatus(s, now) {
  setValue('storage-objects', s.objects, count(s.objects));
  setValue('storage-bytes', s.bytes, bytes(s.bytes));
  setValue('storage-hinted', s.hintedObjects, count(s.hintedObjects));
  setValue('storage-owned', s.partitions.owned);
  setValue('storage-fallback', s.partitions.fallback);

  const ae = s.antiEntropy;
  setValue('ae-exchanges', ae.exchanges, count(ae.exchanges));
  setValue('ae-repaired', ae.keysRepaired, count(ae.keysRepaired));
  // Entries are never removed, so the newest tells whether exchanges still complete.
  const times = Object.values(ae.lastExchange).map((t) => Date.parse(t));
  setValue('ae-partitions', times.length);
  if (times.length > 0) {
    const newest = Math.max(...times);
    setValue('ae-last', newest, ago(now - newest));
  } else {
    setValue('ae-last', null, 'none yet');
  }
  const share = s.admission.backgroundShare;
  setValue('ae-share', share, `${Math.round(share * 100)}%`);
  setValue('ae-reaped', s.tombstones.reaped, count(s.tombstones.reaped));
}

function renderHandoff(h) {
  const objects = h.pending.reduce((sum, p) => sum + p.objects, 0);
  setValue('handoff-pending', h.pending.length);
  setValue('handoff-objects', objects, count(objects));
  setValue('handoff-transition', h.transition ? h.transition.partitionsLeft : 0,
    h.transition ? `${h.transition.partitionsLeft}` : 'none');
  setValue('handoff-rate', h.objectsPerSecond, count(h.objectsPerSecond));
  setValue('handoff-sent', h.objectsSent, count(h.objectsSent));
  const tbody = document.getElementById('handoff-list').tBodies[0];
  clear(tbody);
  for (const p of h.pending.slice(0, HANDOFF_ROWS)) {
    const tr = html('tr', { 'data-partition': p.partition, 'data-kind': p.kind });
    tr.append(html('td', { class: 'num' }, String(p.partition)), html('td', {}, p.kind),
      html('td', {}, `${p.from} → ${p.to}`), html('td', { class: 'num' }, count(p.objects)));
    tbody.append(tr);
  }
  if (h.pending.length > HANDOFF_ROWS) {
    const tr = html('tr', { class: 'more' });
    tr.append(html('td', { colspan: 4 }, `and ${h.pending.length - HANDOFF_ROWS} more`));
    tbody.append(tr);
  }
  if (h.pending.length === 0) {
    const tr = html('tr', { class: 'empty' });
    tr.append(html('td', { colspan: 4 }, 'nothing to hand off'));
    tbody.append(tr);
  }
}

function renderRequests(text, error, now) {
  const section = document.getElementById('requests');
  const note = document.getElementById('requests-note');
  if (text === undefined) {
    const missing = error instanceof HttpError && error.status === 404;
    section.dataset.state = missing ? 'unavailable' : 'error';
    note.textContent = missing
      ? 'metrics unavailable: this node does not serve /metrics'
      : `metrics unavailable: ${error.message}`;
    state.lastSnapshot = null;
    return;
  }
  const snapshot = requestSnapshot(parseSamples(text));
  if (snapshot === null) {
    section.dataset.state = 'unavailable';
    note.textContent = 'metrics unavailable: /metrics has no dynakv_requests_seconds histogram';
    return;
  }
  const previous = state.lastSnapshot;
  state.lastSnapshot = { t: now, snapshot };
  if (previous) {
    state.history.push({ t: now, rates: requestRates(previous.snapshot, snapshot, (now - previous.t) / 1000) });
  }
  state.history = state.history.filter((h) => h.t >= now - WINDOW_MS);
  section.dataset.state = state.history.length > 0 ? 'live' : 'waiting';
  section.dataset.samples = String(state.history.length);
  note.textContent = state.history.length > 0 ? '' : 'waiting for a second sample…';
  const series = (field) => OPERATIONS.map((op) => ({
    name: op,
    color: OP_COLORS[op],
    points: state.history.map((h) => [h.t, h.rates[op][field]]),
  }));
  // The x axis grows with the history, from one minute up to five.
  const span = state.history.length > 0 ? now - state.history[0].t : 0;
  const windowMs = Math.min(WINDOW_MS, Math.max(MIN_WINDOW_MS, span));
  drawChart(document.getElementById('chart-rate'), { series: series('rate'), now, windowMs, format: formatRate });
  drawChart(document.getElementById('chart-p99'), { series: series('p99Ms'), now, windowMs, format: formatMs });
  renderRequestLegend();
}

function renderRequestLegend() {
  const legend = document.getElementById('requests-legend');
  clear(legend);
  const latest = state.history.length > 0 ? state.history[state.history.length - 1].rates : null;
  for (const op of OPERATIONS) {
    const r = latest ? latest[op] : { rate: null, p99Ms: null };
    const li = html('li', { 'data-op': op });
    if (r.rate !== null) li.dataset.rate = r.rate.toFixed(3);
    if (r.p99Ms !== null) li.dataset.p99 = r.p99Ms.toFixed(3);
    li.append(html('span', { class: 'swatch', style: `background:${OP_COLORS[op]}` }));
    li.append(html('span', { class: 'name' }, op));
    li.append(html('span', { class: 'count' },
      `${r.rate === null ? '–' : formatRate(r.rate)}/s · p99 ${r.p99Ms === null ? '–' : formatMs(r.p99Ms) + ' ms'}`));
    legend.append(li);
  }
}

function formatRate(v) {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString();
}

function formatMs(v) {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString();
}

function renderErrors() {
  const box = document.getElementById('errors');
  clear(box);
  const entries = Object.entries(state.errors);
  box.hidden = entries.length === 0;
  for (const [name, message] of entries) {
    const path = name === 'console' ? '' : `GET ${ENDPOINTS[name].replace('..', '')}: `;
    box.append(html('div', { 'data-endpoint': name }, `${path}${message}`));
  }
  if (entries.length > 0) {
    box.append(html('div', { class: 'retry' }, `still polling every ${POLL_MS / 1000} s`));
  }
}

setupTokenForm();
poll();
