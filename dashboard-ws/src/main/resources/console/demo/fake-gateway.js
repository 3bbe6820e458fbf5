// DEMO ONLY (?demo=1): an in-page stand-in for the gateway, speaking docs/protocol.md over a fake
// fetch and a fake WebSocket, so the console can be looked at without any server. It is loaded by a
// dynamic import only when the page URL has demo=1; nothing here runs in a real session.
//
// URL flags: user=sup1 signs in at once; fail=1 makes every action answer 503; nofeedback=1 answers
// 404 to patrol feedback; drop=N drops the link after N seconds (then every 4N s); slow=N closes with
// 4008 after N seconds; quiet=1 sends no live updates (steady screenshots).
import { buildAlerts, buildCells, buildSuggestions, SAMPLE_DISTRICTS, seeded, alertId } from './sample.js';
import { SAMPLE_CELLS } from './sample-geo.js';

const flags = new URLSearchParams(window.location.search);
const NOW = Date.now();
const random = seeded(7);
const MIN = 60000;

// ---- the fake server's state -------------------------------------------------------------------

const alerts = buildAlerts(NOW);
const cells = buildCells(alerts, random);
const suggestions = buildSuggestions(alerts, NOW);
/** The alert stream: [{id, alert}], ids "<ms>-<seq>" like Redis. */
const stream = [];
let seq = 0;
const nextId = () => `${NOW}-${seq++}`;
for (const a of alerts) stream.push({ id: nextId(), alert: a });
const openAlerts = new Map(alerts.map((a) => [a.alertId, a]));

const DEV_USERS = ['sup1', 'disp-central', 'disp-east', 'disp-north', 'disp-prue', 'disp-south', 'disp-west', 'analyst1', 'ops1'];

function b64url(obj) {
  return btoa(JSON.stringify(obj)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function tokenFor(user) {
  let role = 'analyst';
  let districts = ['*'];
  if (user.startsWith('sup')) role = 'supervisor';
  else if (user.startsWith('disp-')) {
    role = 'dispatcher';
    districts = [user.slice(5).toUpperCase()];
  } else if (user.startsWith('ops')) role = 'ops';
  const now = Math.floor(Date.now() / 1000);
  // Unsigned: the demo has no keys. A real gateway signs RS256 and verifies every call.
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: user, role, districts, iss: 'beatwatch', iat: now, exp: now + 8 * 3600 })}.demo`;
}

function claimsOf(init) {
  const auth = init && init.headers && init.headers.Authorization;
  if (!auth) return null;
  try {
    return JSON.parse(atob(auth.slice(7).split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

// ---- fake fetch --------------------------------------------------------------------------------

function json(status, body) {
  return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

export async function fetch(path, init = {}) {
  await delay(120 + random() * 200);
  const method = init.method || 'GET';
  const url = new URL(path, window.location.href);
  const p = url.pathname;
  const body = init.body ? JSON.parse(init.body) : {};
  if (p === '/api/dev/users') return json(200, DEV_USERS);
  if (p === '/api/dev/login' && method === 'POST') {
    if (!body.user || !/^[a-z0-9-]+$/.test(body.user)) return json(400, { error: 'bad_request', detail: 'user is required' });
    if (!DEV_USERS.includes(body.user)) return json(404, { error: 'unknown_user', detail: `no dev user ${body.user}` });
    return json(200, { token: tokenFor(body.user), expiresInSeconds: 8 * 3600 });
  }
  const claims = claimsOf(init);
  if (!claims) return json(401, { error: 'unauthorized', detail: 'missing bearer token' });
  if (p === '/api/ws-ticket' && method === 'POST') return json(200, { ticket: `t-${Math.random().toString(36).slice(2)}`, expiresInSeconds: 30 });
  if (p === '/api/logout' && method === 'POST') return json(202, { user: 'demo', revokedAt: new Date().toISOString() });
  if (p === '/api/config') return json(404, { error: 'not_found', detail: 'no console config' });
  if (p === '/api/districts.geojson') return json(200, SAMPLE_DISTRICTS);
  if (p === '/api/patrol/dosage') {
    return json(200, {
      date: new Date().toISOString().slice(0, 10),
      districts: [
        { district: 'NORTH', minutes: 135, visits: 9, fromAlerts: 2, doneMinutes: 45, declined: 1, cells: 8, topCell: '8948e2a1a8bffff', topCellShare: 0.111 },
        { district: 'SOUTH', minutes: 90, visits: 6, fromAlerts: 0, doneMinutes: 30, declined: 0, cells: 6, topCell: '8948e2a1b0bffff', topCellShare: 0.167 },
      ],
    });
  }
  let m = /^\/api\/cells\/([^/]+)$/.exec(p);
  if (m) {
    const id = decodeURIComponent(m[1]);
    const rows = cells.filter((c) => c.cell === id);
    if (!rows.length) return json(404, { error: 'not_found', detail: `no recent counts for cell ${id}` });
    return json(200, {
      cell: id,
      district: rows[0].district,
      windows: rows.map(({ window, observed, expected, score, recurrenceIntervalDays }) => ({ window, observed, expected, score, recurrenceIntervalDays })),
      officerInitiated: Math.round(random() * 3),
      tips: rows.some((r) => r.recurrenceIntervalDays > 60) ? 1 : 0,
      updatedAt: new Date().toISOString(),
      explanation: 'Counts of citizen-initiated calls in this cell per window, against the space-time permutation expectation.',
    });
  }
  m = /^\/api\/alerts\/([^/]+)\/(ack|assign|dismiss)$/.exec(p);
  if (m && method === 'POST') {
    if (flags.get('fail') === '1') return json(503, { error: 'unavailable', detail: 'alert actions are paused while Redis fails over' });
    if (claims.role !== 'supervisor') return json(403, { error: 'forbidden', detail: 'only supervisors act on alerts' });
    if (!openAlerts.has(decodeURIComponent(m[1]))) return json(404, { error: 'not_found', detail: 'no open alert with that id' });
    if (m[2] === 'assign' && !body.assignee) return json(400, { error: 'bad_request', detail: 'assignee is required' });
    return json(200, { alertId: decodeURIComponent(m[1]), action: m[2], at: new Date().toISOString() });
  }
  m = /^\/api\/suggestions\/([^/]+)\/feedback$/.exec(p);
  if (m && method === 'POST') {
    if (flags.get('nofeedback') === '1' || flags.get('fail') === '1') return json(404, { error: 'not_found', detail: `no route ${method} ${p}` });
    if (!['accepted', 'declined', 'arrived', 'done'].includes(body.action)) return json(400, { error: 'bad_request', detail: 'unknown action' });
    return json(200, { suggestionId: decodeURIComponent(m[1]), action: body.action });
  }
  return json(404, { error: 'not_found', detail: `no route ${method} ${p}` });
}

// ---- fake WebSocket ----------------------------------------------------------------------------

let connections = 0;

/** Enough of the WebSocket interface for connection.js: readyState, send, close, on* handlers. */
export class WebSocket {
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.timers = [];
    this.number = ++connections;
    this.after(150, () => {
      this.readyState = 1;
      if (this.onopen) this.onopen({});
    });
  }

  after(ms, fn) {
    this.timers.push(setTimeout(() => this.readyState <= 1 && fn(), ms));
  }

  every(ms, fn) {
    this.timers.push(setInterval(() => this.readyState === 1 && fn(), ms));
  }

  deliver(message) {
    if (this.readyState === 1 && this.onmessage) this.onmessage({ data: JSON.stringify(message) });
  }

  send(text) {
    const msg = JSON.parse(text);
    if (msg.type === 'ping') return this.after(20, () => this.deliver({ type: 'pong' }));
    if (msg.type === 'subscribe') this.subscribed(msg);
  }

  subscribed(msg) {
    const token = sessionStorage.getItem('beatwatch.token');
    const claims = token ? JSON.parse(atob(JSON.parse(token).split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) : {};
    const scope = claims.districts || ['*'];
    const wanted = (msg.districts || ['*']).filter((d) => d === '*' || scope.includes('*') || scope.includes(d));
    this.inScope = (d) => wanted.includes('*') || wanted.includes(d);
    // Tips-only alerts go to supervisors only (ARCHITECTURE.md section 5).
    const forRole = (a) => claims.role === 'supervisor' || a.signal !== 'tips';
    this.deliver({ type: 'hello', user: claims.sub, role: claims.role, districts: scope, serverTime: new Date().toISOString() });
    const at = stream.findIndex((e) => e.id === msg.lastId);
    if (msg.lastId && at >= 0) {
      // Resume: replay what was missed, in order.
      for (const e of stream.slice(at + 1)) if (this.inScope(e.alert.district) && forRole(e.alert)) this.deliver({ type: 'alert', id: e.id, alert: e.alert });
    } else {
      this.deliver({
        type: 'snapshot',
        resync: true,
        lastId: stream[stream.length - 1].id,
        alerts: [...openAlerts.values()].filter((a) => this.inScope(a.district) && forRole(a)),
        cells: cells.filter((c) => this.inScope(c.district)),
      });
    }
    for (const s of suggestions) if (this.inScope(s.district)) this.after(300, () => this.deliver({ type: 'suggestion', snapshot: true, suggestion: s }));
    this.live();
  }

  /** Live traffic: cell jitter every 2 s, an escalation at 12 s, a new alert at 30 s, a suggestion at 45 s. */
  live() {
    const drop = Number(flags.get('drop'));
    if (drop > 0) this.after((this.number === 1 ? drop : drop * 4) * 1000, () => this.serverClose(1006, ''));
    const slow = Number(flags.get('slow'));
    if (slow > 0 && this.number === 1) this.after(slow * 1000, () => this.serverClose(4008, 'send queue full'));
    if (flags.get('quiet') === '1') return;
    this.every(2000, () => {
      const batch = [];
      for (let i = 0; i < 12; i++) {
        const c = cells[Math.floor(random() * cells.length)];
        c.observed = Math.max(1, c.observed + (random() < 0.5 ? -1 : 1));
        batch.push(c);
      }
      this.deliver({ type: 'cells', cells: batch.filter((c) => this.inScope(c.district)) });
    });
    this.after(12000, () => escalate(this, alerts[3]));
    this.after(30000, () => openNew(this));
    this.after(45000, () => {
      const a = alerts[4];
      const s = { v: 1, suggestionId: `sg-${a.district.toLowerCase()}-live`, district: a.district, cell: a.zone, centroid: a.centroid,
        reason: 'New alert: thefts and criminal mischief', alertId: a.alertId, dwellMinutes: 12,
        createdAt: new Date().toISOString(), validUntil: new Date(Date.now() + 30 * MIN).toISOString() };
      suggestions.push(s);
      if (this.inScope(s.district)) this.deliver({ type: 'suggestion', suggestion: s });
    });
  }

  serverClose(code, reason) {
    this.shutdown();
    if (this.onclose) this.onclose({ code, reason, wasClean: code !== 1006 });
  }

  close() {
    this.shutdown();
  }

  shutdown() {
    this.readyState = 3;
    this.timers.forEach((t) => {
      clearTimeout(t);
      clearInterval(t);
    });
  }
}

function publish(socket, alert) {
  const entry = { id: nextId(), alert };
  stream.push(entry);
  openAlerts.set(alert.alertId, alert);
  if (socket.inScope(alert.district)) socket.deliver({ type: 'alert', id: entry.id, alert });
}

function escalate(socket, base) {
  const observed = base.observed + 3;
  publish(socket, { ...base, state: 'updated', category: 'intensifying', observed, recurrenceIntervalDays: 610,
    score: Math.round((observed * Math.log(observed / base.expected) - (observed - base.expected)) * 10) / 10,
    eventTime: new Date().toISOString(), emittedAt: new Date().toISOString() });
}

function openNew(socket) {
  // A quiet background cell that suddenly lights up.
  const geo = SAMPLE_CELLS.find((c) => c.cluster < 0 && c.district === 'WEST');
  const centre = { cell: geo.cell, cells: [geo.cell], lat: geo.lat, lon: geo.lon, district: geo.district };
  const now = Date.now();
  cells.push({ cell: geo.cell, window: 30, observed: 6, expected: 0.7, score: 8.2, recurrenceIntervalDays: 540, district: geo.district, lat: geo.lat, lon: geo.lon, boundary: geo.boundary });
  socket.deliver({ type: 'cells', cells: [cells[cells.length - 1]] });
  publish(socket, { v: 1, alertId: alertId(centre, 30, now) + '-live', state: 'opened', category: 'new', zone: centre.cell, ring: 0,
    cells: centre.cells, centroid: { lat: centre.lat, lon: centre.lon }, district: centre.district, window: 1800, observed: 6,
    expected: 0.7, score: 8.2, recurrenceIntervalDays: 540, signal: 'cfs', confirmed: true,
    topTypes: [{ type: 'Shots Fired', count: 3 }, { type: 'Disturbance', count: 3 }], tipCount: 0,
    openedAt: new Date(now).toISOString(), eventTime: new Date(now).toISOString(), modelVersion: 'scan-1.0 (fixture)', emittedAt: new Date(now).toISOString() });
}
