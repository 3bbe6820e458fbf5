// Beatwatch console: wires sign-in, the live connection, the state and the views together.
import { Api, ApiError } from './api.js';
import { renderAlertList } from './alert-list.js';
import { Cues } from './audio.js';
import { renderDosage } from './dosage.js';
import { alertPasses, isFiltered, readDistricts, readFilters, SEVERITIES, SIGNALS, TYPE_GROUPS, writeFilters } from './filters.js';
import { renderCellDetail } from './cell-detail.js';
import { Connection } from './connection.js';
import { renderLegend, MapView } from './map-view.js';
import { alertLevel, configureCue, isHighSeverity, levelRank } from './severity.js';
import { cellKey, Store } from './store.js';
import { effectiveStatus, FEEDBACK, renderSuggestions, tickCountdowns } from './suggestions.js';
import { installShortcuts } from './shortcuts.js';
import { renderTimeline as renderAlertTimeline } from './timeline.js';
import { toast } from './toast.js';
import { $, decodeJwt, formatSpan, formatTime, formatWindow, frameThrottle, h, storage } from './util.js';

const session = storage('session');
const KEYS = {
  token: 'beatwatch.token',
  lastId: 'beatwatch.lastId',
  state: 'beatwatch.state',
  local: 'beatwatch.local',
  unit: 'beatwatch.unit',
  districts: 'beatwatch.districts',
  window: 'beatwatch.window',
  sort: 'beatwatch.sort',
  loginMessage: 'beatwatch.loginMessage',
};
/** Used when the gateway does not list its dev users (GET /api/dev/users). */
const DEFAULT_DEV_USERS = ['sup1', 'disp-central', 'disp-east', 'disp-north', 'disp-prue', 'disp-south', 'disp-west', 'analyst1', 'ops1'];
const HISTORY_SPAN_MIN = 24 * 60;
const ICON_BELL = '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>';
const ICON_BELL_OFF = '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0M3 3l18 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>';
const DEFAULT_WINDOW = 60;

const params = new URLSearchParams(window.location.search);
const demo = params.get('demo') === '1' ? await import('../demo/fake-gateway.js') : null;
/** Wall mode (?mode=wall): a crime-centre display, no controls, districts in turn every `cycle` s. */
const wall = params.get('mode') === 'wall';
const WALL_CYCLE_MS = Math.max(5, Number(params.get('cycle')) || 20) * 1000;

const ui = {
  // Who is signed in, from the token and then from the server's hello.
  user: null,
  role: null,
  scope: ['*'],
  // View state.
  selectedId: null,
  selectedCell: null,
  historyAt: null,
  districtSelection: null,
  windowMin: null,
  sort: session.get(KEYS.sort, 'severity'),
  showHandled: false,
  fittedOnce: false,
  tokenWarned: false,
  geoDistricts: [],
  filters: readFilters(params),
  // The latest supervisor action per alert, from the gateway (GET /api/alerts): what other
  // consoles of the district did.
  shared: new Map(),
  wallIndex: -1,
};

const store = new Store();
const cues = new Cues();
const api = new Api({
  fetchImpl: demo ? demo.fetch : undefined,
  getToken: () => session.get(KEYS.token),
  onUnauthorized: (e) => signOut(`Your session was refused (${e.describe()}). Sign in again.`),
});
let connection = null;
let mapView = null;

// ---------------------------------------------------------------------------------------------
// Sign-in

async function initLogin() {
  if (demo) {
    $('demo-badge').hidden = false;
    $('login-demo-badge').hidden = false;
  }
  let users = DEFAULT_DEV_USERS;
  try {
    const listed = await api.get('/api/dev/users', { auth: false, timeoutMs: 4000 });
    const names = Array.isArray(listed) ? listed : listed && listed.users;
    if (Array.isArray(names) && names.length) users = names.map((u) => (typeof u === 'string' ? u : u.user || u.name)).filter(Boolean);
  } catch {
    // Not every gateway lists them; the defaults match the documented dev users.
  }
  $('dev-users').replaceChildren(...users.map((u) => h('option', { value: u })));
  $('dev-user-list').textContent = users.join(', ');

  $('dev-login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = $('dev-user').value.trim();
    if (!user) return;
    const button = e.submitter || $('dev-login-form').querySelector('button');
    button.disabled = true;
    try {
      const answer = await api.post('/api/dev/login', { user }, { auth: false });
      const token = answer && (answer.token || answer.accessToken || answer.access_token || answer.jwt);
      if (!token) throw new ApiError(500, 'bad_login', 'the gateway returned no token');
      beginSession(token);
    } catch (err) {
      const text = err instanceof ApiError && err.status === 404
        ? 'Dev sign-in is not enabled on this gateway. Paste a token instead.'
        : `Sign-in failed. ${err instanceof ApiError ? err.describe() : err}`;
      loginMessage(text);
    } finally {
      button.disabled = false;
    }
  });

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    if (!token) return loginMessage('Paste a token first.');
    const claims = decodeJwt(token);
    if (!claims) return loginMessage('That does not look like a JWT (three dot-separated parts).');
    if (claims.exp && claims.exp * 1000 < Date.now()) return loginMessage(`That token expired ${formatTime(claims.exp * 1000)}.`);
    $('token-input').value = '';
    beginSession(token);
  });
  // The buttons stay disabled in the HTML until the handlers exist, so an early click cannot submit the form natively.
  for (const b of document.querySelectorAll('#login button[type=submit]')) b.disabled = false;
  document.body.dataset.ready = 'true';
}

function loginMessage(text) {
  const el = $('login-message');
  el.textContent = text;
  el.hidden = !text;
}

function beginSession(token) {
  const previous = decodeJwt(session.get(KEYS.token) || '') || {};
  const claims = decodeJwt(token) || {};
  if (previous.sub !== claims.sub) {
    // Another user in this tab: nothing of the last one's view or resume position carries over.
    session.set(KEYS.state, null);
    session.set(KEYS.lastId, null);
    session.set(KEYS.local, null);
    session.set(KEYS.districts, null);
  }
  session.set(KEYS.token, token);
  loginMessage('');
  startConsole();
}

/**
 * Ends the session and reloads to a clean page (map, timers and listeners go with it). A message,
 * when given, is shown on the sign-in panel after the reload.
 */
function signOut(message) {
  if (connection) connection.stop('signed out');
  connection = null;
  persistTimer = 'stopped';
  session.set(KEYS.token, null);
  session.set(KEYS.state, null);
  session.set(KEYS.lastId, null);
  session.set(KEYS.loginMessage, message || 'You have signed out.');
  window.location.reload();
}

/** The sign-out button: the gateway revokes this user's tokens everywhere, then sign out here. */
async function signOutEverywhere() {
  try {
    await api.post('/api/logout', undefined, { timeoutMs: 3000 });
  } catch (e) {
    // signed out in this tab anyway; the token expires on its own
  }
  signOut();
}

// ---------------------------------------------------------------------------------------------
// Console

async function startConsole() {
  const token = session.get(KEYS.token);
  const claims = decodeJwt(token) || {};
  ui.user = claims.sub || 'unknown';
  ui.role = claims.role || 'unknown';
  ui.scope = Array.isArray(claims.districts) && claims.districts.length ? claims.districts : ['*'];
  ui.exp = claims.exp ? claims.exp * 1000 : null;

  $('login').hidden = true;
  $('console').hidden = false;
  document.body.classList.remove('signed-out');
  applyRole();

  if (!mapView) {
    mapView = new MapView($('map'), {
      onCellClick: (cell, windowMin) => openCellDetail(cell, windowMin),
      onAlertClick: (id) => selectAlert(id, { pan: false, scroll: true }),
    });
  }
  loadMapExtras();
  refreshDosage();

  store.restoreLocal(session.get(KEYS.local));
  const saved = session.get(KEYS.state);
  if (saved && saved.user === ui.user && store.restore(saved)) ui.resumed = true;
  // A shared link (the URL) wins over what this tab last chose.
  const savedDistricts = session.get(KEYS.districts);
  ui.districtSelection = params.has('districts') ? readDistricts(params)
    : Array.isArray(savedDistricts) ? new Set(savedDistricts) : null;
  ui.windowMin = params.has('window') ? Number(params.get('window')) || null : session.get(KEYS.window, null);
  if (wall) startWall();

  connection = new Connection({
    api,
    WebSocketImpl: demo ? demo.WebSocket : undefined,
    subscription: () => ({
      districts: subscribeDistricts(),
      // Only resume from lastId when we hold the state it continues; otherwise ask for a snapshot.
      lastId: store.hasSnapshot ? store.lastId || session.get(KEYS.lastId) : null,
    }),
    onMessage: handleMessage,
  });
  connection.addEventListener('state', (e) => showConnection(e.detail));
  connection.addEventListener('unauthorized', (e) => signOut(`The gateway refused this session (${e.detail.describe()}). Sign in again.`));
  connection.addEventListener('resume', () => toast('The gateway asked this console to catch up; resuming from the last alert seen.', 'info'));
  connection.addEventListener('protocol-error', (e) => toast(e.detail, 'error'));
  connection.start();
  scheduleRender({ all: true, fit: ui.resumed });
}

function subscribeDistricts() {
  return ui.role === 'dispatcher' ? ui.scope.filter((d) => d !== '*') : ui.scope;
}

function applyRole() {
  const body = document.body;
  for (const c of [...body.classList]) if (c.startsWith('role-')) body.classList.remove(c);
  body.classList.add(`role-${ui.role}`);
  const scope = ui.scope.includes('*') ? 'all districts' : ui.scope.join(', ');
  $('user-chip').replaceChildren(
    h('span', { class: 'user-name' }, ui.user),
    h('span', { class: 'user-role' }, `${ui.role} · ${scope}`),
  );
  $('user-chip').title = `Signed in as ${ui.user} (${ui.role}), scope: ${scope}`;
  const patrolVisible = ui.role === 'dispatcher' || ui.role === 'supervisor';
  $('patrol-panel').hidden = !patrolVisible;
  // Dispatchers work from the suggestions: they come first, on screen and in the Tab order.
  const sidebar = $('alerts-panel').parentElement;
  if (ui.role === 'dispatcher') sidebar.prepend($('patrol-panel'));
  else sidebar.prepend($('alerts-panel'));
  $('unit-input').value = session.get(KEYS.unit, '');
  $('handover-link').hidden = ui.role !== 'supervisor';
  // supervisors watch the day's dosage; dispatchers can open it
  $('dosage-panel').open = ui.role === 'supervisor';
}

async function loadMapExtras() {
  try {
    const config = await api.get('/api/config', { timeoutMs: 5000 });
    if (config && typeof config === 'object') {
      mapView.setTiles(config);
      configureCue(config);
    }
  } catch {
    // Optional: without it the map has a plain dark background and the default cue rule.
  }
  await loadDistricts();
}

/**
 * District outlines and the city's extent. Outlines derived from the data (no agency boundaries)
 * grow as cells appear, so they are fetched again every few minutes.
 */
async function loadDistricts() {
  try {
    const geo = await api.get('/api/districts.geojson', { timeoutMs: 8000 });
    if (geo && geo.type && Array.isArray(geo.features)) {
      const signature = JSON.stringify(geo);
      if (signature !== ui.districtsSignature) {
        ui.districtsSignature = signature;
        mapView.setDistricts(geo);
        ui.geoDistricts = geo.features.map((f) => f.properties && (f.properties.name || f.properties.district)).filter(Boolean);
        scheduleRender({ filters: true, map: true });
      }
      ui.districtsDerived = geo.source === 'derived';
    }
  } catch {
    // Optional too: an older gateway without outlines leaves a plain dark background.
  }
}

// ---------------------------------------------------------------------------------------------
// Messages from the gateway

function handleMessage(msg) {
  switch (msg.type) {
    case 'hello': {
      ui.role = msg.role || ui.role;
      ui.user = msg.user || ui.user;
      const scope = Array.isArray(msg.districts) && msg.districts.length ? msg.districts : ui.scope;
      const changed = scope.join() !== ui.scope.join();
      ui.scope = scope;
      if (msg.serverTime) ui.clockSkewMs = Date.parse(msg.serverTime) - Date.now();
      applyRole();
      if (changed) connection.resubscribe();
      scheduleRender({ all: true });
      break;
    }
    case 'snapshot':
      store.applySnapshot(msg);
      refreshSharedStatus();
      if (msg.resync && ui.resumed) toast('The gateway sent a fresh snapshot: the console missed too much to replay.', 'info');
      ui.resumed = false;
      scheduleRender({ all: true, fit: !ui.fittedOnce });
      break;
    case 'alert': {
      const result = store.applyAlertFrame(msg);
      if (!result) break;
      const { entry, previous } = result;
      const alert = entry.alert;
      if (isHighSeverity(alert) && !(previous && isHighSeverity(previous)) && districtShown(alert.district)) {
        cues.play('alert');
        announce(`High severity alert in ${alert.district || 'an unknown district'}: ${alert.observed} observed versus ${alert.expected.toFixed(1)} expected.`);
        if (ui.historyAt !== null) toast('New high-severity alert. Press L to return to live.', 'warning');
      }
      scheduleRender({ alerts: true, map: true, filters: !previous });
      break;
    }
    case 'cells':
      store.upsertCells(msg.cells);
      scheduleRender({ map: true, filters: true });
      break;
    case 'suggestion': {
      const isNew = store.upsertSuggestion(msg.suggestion);
      // snapshot: already on the district's board when this console subscribed, not news
      if (isNew && !msg.snapshot && districtShown(msg.suggestion.district)) {
        cues.play('suggestion');
        announce(`New patrol suggestion in ${msg.suggestion.district}: ${msg.suggestion.dwellMinutes} minutes.`);
        if (ui.role === 'dispatcher') toast(`New patrol suggestion for ${msg.suggestion.district}.`, 'info');
      }
      scheduleRender({ suggestions: true });
      break;
    }
    case 'error':
      toast(`Gateway: ${msg.error || 'error'}${msg.detail ? `: ${msg.detail}` : ''}`, 'error');
      break;
    case 'pong':
      break;
    default:
      // Newer gateways may send types this console does not know; they are ignored on purpose.
      break;
  }
  persistSoon();
}

// ---------------------------------------------------------------------------------------------
// Connection indicator

function showConnection(detail) {
  const el = $('conn');
  const text = el.querySelector('.conn-text');
  const retry = $('conn-retry');
  // The visible countdown ticks; screen readers hear only the change of state.
  if (el.dataset.state !== detail.state) {
    $('conn-announcer').textContent = { open: 'Connected to the gateway.', reconnecting: 'Connection lost, reconnecting.', offline: 'Offline.' }[detail.state] || '';
  }
  el.dataset.state = detail.state;
  clearInterval(ui.connTimer);
  retry.hidden = true;
  el.title = detail.reason || '';
  switch (detail.state) {
    case 'connecting':
      text.textContent = 'Connecting…';
      break;
    case 'open':
      text.textContent = 'Connected';
      break;
    case 'reconnecting': {
      retry.hidden = false;
      const tick = () => {
        const s = Math.max(0, Math.ceil((detail.retryAt - Date.now()) / 1000));
        text.textContent = `Reconnecting in ${s} s`;
      };
      tick();
      ui.connTimer = setInterval(tick, 250);
      break;
    }
    case 'offline':
      text.textContent = 'Offline';
      retry.hidden = false;
      break;
    default:
      text.textContent = 'Not connected';
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const pending = {};
const flush = frameThrottle(() => {
  const what = { ...pending };
  for (const k of Object.keys(pending)) delete pending[k];
  render(what);
});

function scheduleRender(what) {
  Object.assign(pending, what);
  flush();
}

function render(what) {
  const all = what.all;
  const now = Date.now();
  if (all || what.filters) renderFilters();
  const rows = visibleAlerts(now);
  if (all || what.alerts || what.map) renderAlerts(rows, now);
  if (all || what.map || what.alerts) renderMap(rows);
  if (all || what.suggestions) renderPatrol(now);
  if (all || what.timeline) renderTimeline(now);
  if (what.fit && mapView && mapView.fitToData()) ui.fittedOnce = true;
  updateTitle(rows);
}

function districtShown(district) {
  if (!ui.districtSelection) return true;
  return !!district && ui.districtSelection.has(district);
}

/** The alert rows on screen: live (latest revisions) or as of the history time; filtered and sorted. */
function visibleAlerts(now) {
  let rows;
  if (ui.historyAt !== null) {
    rows = store.alertsAsOf(ui.historyAt).map(({ entry, alert }) => ({ alert, entry }));
  } else {
    rows = [...store.alerts.values()].map((entry) => ({ alert: entry.alert, entry }));
  }
  rows = rows
    .map((r) => ({ ...r, local: store.localOf(r.alert.alertId), shared: ui.shared.get(r.alert.alertId) }))
    .filter((r) => districtShown(r.alert.district))
    // Tips-only alerts are for supervisors; the gateway filters them too, this is a second guard.
    .filter((r) => ui.role !== 'dispatcher' || r.alert.signal !== 'tips')
    .filter((r) => ui.showHandled || (!r.local.dismissed && r.alert.state !== 'closed'))
    .filter((r) => alertPasses(r.alert, ui.filters, now));
  const time = (a) => a.eventMs ?? a.emittedMs ?? 0;
  const bySeverity = (a, b) => (a.alert.state === 'closed') - (b.alert.state === 'closed')
    || !!a.local.dismissed - !!b.local.dismissed
    || levelRank(alertLevel(b.alert)) - levelRank(alertLevel(a.alert))
    || (b.alert.recurrenceIntervalDays || 0) - (a.alert.recurrenceIntervalDays || 0)
    || time(b.alert) - time(a.alert);
  const byTime = (a, b) => time(b.alert) - time(a.alert);
  rows.sort(ui.sort === 'newest' ? byTime : bySeverity);
  ui.rowIds = rows.map((r) => r.alert.alertId);
  ui.now = now;
  return rows;
}

function renderAlerts(rows, now) {
  renderAlertList($('alert-list'), rows, {
    onSelect: (id, opts) => selectAlert(id, opts),
    onAction: (id, action) => alertAction(id, action),
    onCellDetail: (cell) => openCellDetail(cell, ui.windowMin),
    onTimeline: (id) => openTimeline(id),
  }, { selectedId: ui.selectedId, canAct: ui.role === 'supervisor', now, history: ui.historyAt !== null });
  $('alert-count').textContent = String(rows.length);
  if (wall) $('wall-count').textContent = `${rows.length} open alert${rows.length === 1 ? '' : 's'}`;
  $('alert-empty').hidden = rows.length > 0;
  $('alert-empty').textContent = ui.historyAt !== null
    ? 'No open alerts in the selected districts at the chosen time.'
    : store.hasSnapshot ? 'No open alerts in the selected districts.' : 'Waiting for the gateway…';
}

function renderMap(rows) {
  if (!mapView) return;
  const history = ui.historyAt !== null;
  let hexes;
  if (history) {
    // As of a past time: the cells of the alerts in force then, coloured by those alerts.
    const byCell = new Map();
    for (const { alert } of rows) {
      for (const cell of alert.cells.length ? alert.cells : [alert.zone]) {
        const boundary = store.boundaries.get(cell);
        const prev = byCell.get(cell);
        if (!boundary || (prev && prev.recurrenceIntervalDays >= alert.recurrenceIntervalDays)) continue;
        byCell.set(cell, {
          key: `h|${cell}`, cell, boundary, district: alert.district, windowMin: alert.windowMin,
          observed: alert.observed, expected: alert.expected, score: alert.score,
          recurrenceIntervalDays: alert.recurrenceIntervalDays, fromAlert: true,
        });
      }
    }
    hexes = [...byCell.values()];
  } else {
    const windowMin = currentWindow();
    hexes = [];
    for (const cell of store.cells.values()) {
      if (windowMin !== null && cell.windowMin !== windowMin) continue;
      if (!districtShown(cell.district)) continue;
      hexes.push({ ...cell, key: cellKey(cell.cell, cell.windowMin), boundary: cell.boundary || store.boundaries.get(cell.cell) });
    }
  }
  mapView.renderHexes(hexes, ui.selectedCell);
  mapView.renderAlerts(rows
    .filter((r) => r.alert.state !== 'closed' && !r.local.dismissed)
    .map(({ alert }) => ({
      alert,
      level: alertLevel(alert),
      selected: alert.alertId === ui.selectedId,
      boundaries: (alert.cells.length ? alert.cells : [alert.zone]).map((c) => store.boundaries.get(c)).filter(Boolean),
    })));
  mapView.setVisibleDistricts(districtShown);
  renderLegend($('legend'), { history });
  $('map').dataset.hexCount = String(hexes.length);
}

function currentWindow() {
  const windows = [...store.windows].sort((a, b) => a - b);
  if (!windows.length) return null;
  if (ui.windowMin !== null && windows.includes(ui.windowMin)) return ui.windowMin;
  return windows.includes(DEFAULT_WINDOW) ? DEFAULT_WINDOW : windows[0];
}

function renderPatrol(now) {
  if ($('patrol-panel').hidden) return;
  const rows = [...store.suggestions.values()]
    .filter(({ suggestion }) => districtShown(suggestion.district))
    .map(({ suggestion, receivedMs }) => ({
      suggestion,
      receivedMs,
      local: store.suggestionState(suggestion.suggestionId),
      alert: suggestion.alertId && store.alerts.get(suggestion.alertId) ? store.alerts.get(suggestion.alertId).alert : null,
    }));
  const order = { arrived: 0, accepted: 1, new: 2, expired: 3, done: 4, declined: 5 };
  rows.sort((a, b) => order[effectiveStatus(a.suggestion, a.local, now)] - order[effectiveStatus(b.suggestion, b.local, now)]
    || (b.suggestion.createdMs || b.receivedMs) - (a.suggestion.createdMs || a.receivedMs));
  renderSuggestions($('suggestion-list'), rows, {
    onFeedback: (id, button) => suggestionFeedback(id, button),
    onShow: (s) => {
      if (s.centroid) mapView.focusPoint(s.centroid.lat, s.centroid.lon);
      ui.selectedCell = s.cell;
      scheduleRender({ map: true });
    },
  }, { now, canAct: ui.role === 'dispatcher' || ui.role === 'supervisor' });
  const open = rows.filter((r) => ['new', 'accepted', 'arrived'].includes(effectiveStatus(r.suggestion, r.local, now))).length;
  $('suggestion-count').textContent = String(open);
  $('suggestion-empty').hidden = rows.length > 0;
}

function renderFilters() {
  const locked = ui.role === 'dispatcher' || !ui.scope.includes('*');
  const names = new Set(locked ? ui.scope.filter((d) => d !== '*') : [...store.districtsSeen, ...ui.geoDistricts]);
  const all = [...names].sort();
  const box = $('district-options');
  const existing = [...box.querySelectorAll('input')].map((i) => i.value).join();
  if (existing !== all.join()) {
    box.replaceChildren(...all.map((d) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: d, 'data-testid': 'district-option', onchange: onDistrictToggle }), ` ${d}`)));
  }
  for (const input of box.querySelectorAll('input')) input.checked = districtShown(input.value);
  const sel = ui.districtSelection;
  $('district-summary').textContent = !sel ? (locked ? all.join(', ') || 'Yours' : 'All')
    : sel.size === 0 ? 'None' : sel.size <= 2 ? [...sel].join(', ') : `${sel.size} of ${all.length}`;
  $('district-filter').classList.toggle('filtered', !!sel);

  const windows = [...store.windows].sort((a, b) => a - b);
  const select = $('window-select');
  if ([...select.options].map((o) => o.value).join() !== windows.join()) {
    select.replaceChildren(...windows.map((w) => h('option', { value: String(w) }, formatWindow(w))));
  }
  const current = currentWindow();
  if (current !== null) select.value = String(current);
  select.disabled = windows.length <= 1;
  renderFilterMenu();
}

function renderFilterMenu() {
  const fill = (id, options) => {
    const el = $(id);
    if (!el.options.length) el.replaceChildren(...Object.entries(options).map(([v, label]) => h('option', { value: v }, label)));
  };
  fill('filter-signal', SIGNALS);
  fill('filter-severity', SEVERITIES);
  fill('filter-types', Object.fromEntries(Object.entries(TYPE_GROUPS).map(([k, g]) => [k, g.label])));
  $('filter-signal').value = ui.filters.signal;
  $('filter-severity').value = ui.filters.severity;
  $('filter-types').value = ui.filters.types;
  $('filter-since').value = ui.filters.since;
  const on = Object.entries(ui.filters).filter(([k, v]) => v !== 'all').length;
  $('filter-summary').textContent = on ? `${on} on` : 'None';
  $('filter-menu').classList.toggle('filtered', isFiltered(ui.filters));
}

/** The view in the address bar, so a supervisor can share it (replaceState: no history entries). */
function syncUrl() {
  if (wall) return;
  const next = writeFilters(params, ui.filters, ui.districtSelection, ui.windowMin);
  const query = next.toString();
  history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

// ---------------------------------------------------------------------------------------------
// Wall mode: full screen, large type, no controls, one district after the other, unattended

function startWall() {
  document.body.classList.add('wall');
  $('wall-banner').hidden = false;
  ui.districtSelection = null;
  setInterval(nextWallDistrict, WALL_CYCLE_MS);
  setInterval(() => { $('wall-clock').textContent = formatTime(Date.now()); }, 1000);
  setTimeout(nextWallDistrict, 1500);
}

function wallDistricts() {
  const names = new Set([...store.districtsSeen, ...ui.geoDistricts]);
  return [...names].filter(Boolean).sort();
}

function nextWallDistrict() {
  const all = wallDistricts();
  if (!all.length) return;
  ui.wallIndex = (ui.wallIndex + 1) % all.length;
  const d = all[ui.wallIndex];
  ui.districtSelection = new Set([d]);
  $('wall-district').textContent = d;
  document.body.dataset.wallDistrict = d;
  scheduleRender({ all: true });
  if (mapView) mapView.fitDistrict(d);
}

function onDistrictToggle() {
  const boxes = [...$('district-options').querySelectorAll('input')];
  const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
  ui.districtSelection = chosen.length === boxes.length ? null : new Set(chosen);
  session.set(KEYS.districts, ui.districtSelection ? [...ui.districtSelection] : null);
  syncUrl();
  scheduleRender({ all: true });
}

function renderTimeline(now) {
  const slider = $('time-slider');
  const label = $('time-label');
  const banner = $('history-banner');
  if (ui.historyAt === null) {
    slider.value = '0';
    label.textContent = 'Live';
    slider.setAttribute('aria-valuetext', 'Live');
    banner.hidden = true;
    $('map').classList.remove('history');
    return;
  }
  const offsetMin = Math.round((ui.historyAt - now) / 60000);
  slider.value = String(Math.max(-HISTORY_SPAN_MIN, offsetMin));
  const text = `${formatTime(ui.historyAt, now)} (${formatSpan(-offsetMin)} ago)`;
  label.textContent = text;
  slider.setAttribute('aria-valuetext', `As of ${text}`);
  $('history-text').textContent = `Showing alerts in force at ${text}. Live updates continue in the background.`;
  banner.hidden = false;
  $('map').classList.add('history');
}

function setHistory(offsetMin) {
  const clamped = Math.max(-HISTORY_SPAN_MIN, Math.min(0, offsetMin));
  ui.historyAt = clamped >= 0 ? null : Date.now() + clamped * 60000;
  scheduleRender({ all: true, timeline: true });
}

function updateTitle(rows) {
  const urgent = rows.filter((r) => isHighSeverity(r.alert) && !r.local.acked && !r.local.dismissed).length;
  document.title = `${urgent ? `(${urgent}) ` : ''}Beatwatch console`;
}

// ---------------------------------------------------------------------------------------------
// Selection, map focus, cell detail

function selectAlert(id, { pan = false, scroll = false, focus = false } = {}) {
  ui.selectedId = id;
  const entry = store.alerts.get(id);
  if (entry) ui.selectedCell = entry.alert.zone || entry.alert.cells[0] || null;
  scheduleRender({ alerts: true, map: true });
  if (pan && entry && mapView) {
    const boundaries = entry.alert.cells.map((c) => store.boundaries.get(c)).filter(Boolean);
    mapView.focusAlert(entry.alert, boundaries);
  }
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const item = $('alert-list').querySelector(`[data-alert-id="${CSS.escape(id)}"]`);
    if (!item) return;
    if (scroll || focus) item.scrollIntoView({ block: 'nearest' });
    if (focus) item.querySelector('.alert-main').focus({ preventScroll: true });
  }));
}

function moveSelection(step) {
  const ids = ui.rowIds || [];
  if (!ids.length) return;
  const at = ids.indexOf(ui.selectedId);
  const next = at < 0 ? (step > 0 ? 0 : ids.length - 1) : Math.max(0, Math.min(ids.length - 1, at + step));
  selectAlert(ids[next], { pan: false, focus: true });
}

async function openCellDetail(cell, windowMin) {
  if (!cell) return;
  ui.selectedCell = cell;
  scheduleRender({ map: true });
  const panel = $('cell-detail');
  if (panel.hidden) ui.focusBeforeDetail = document.activeElement;
  panel.hidden = false;
  $('cell-detail-title').textContent = `Cell ${cell}`;
  const local = [...store.cells.values()].filter((c) => c.cell === cell).sort((a, b) => a.windowMin - b.windowMin);
  const alerts = [...store.alerts.values()].map((e) => e.alert).filter((a) => a.cells.includes(cell) || a.zone === cell);
  const body = $('cell-detail-body');
  renderCellDetail(body, { cell, local, alerts, windowMin, remote: null, loading: true });
  panel.focus({ preventScroll: true });
  try {
    const remote = await api.get(`/api/cells/${encodeURIComponent(cell)}`);
    if (ui.selectedCell === cell) renderCellDetail(body, { cell, local, alerts, windowMin, remote });
  } catch (e) {
    if (ui.selectedCell === cell) renderCellDetail(body, { cell, local, alerts, windowMin, error: e instanceof ApiError ? e.describe() : String(e) });
  }
}

function closeCellDetail() {
  $('cell-detail').hidden = true;
  const back = ui.focusBeforeDetail;
  ui.focusBeforeDetail = null;
  if (back && document.contains(back)) back.focus({ preventScroll: true });
  else if (ui.selectedId) {
    const item = $('alert-list').querySelector(`[data-alert-id="${CSS.escape(ui.selectedId)}"] .alert-main`);
    if (item) item.focus({ preventScroll: true });
  }
  ui.selectedCell = ui.selectedId && store.alerts.get(ui.selectedId) ? store.alerts.get(ui.selectedId).alert.zone : null;
  scheduleRender({ map: true });
}

// ---------------------------------------------------------------------------------------------
// Alert timeline (from the gateway's records, the same on every console of the district)

async function openTimeline(id) {
  if (!id || ui.role !== 'supervisor') return;
  const panel = $('alert-story');
  if (panel.hidden) ui.focusBeforeStory = document.activeElement;
  const entry = store.alerts.get(id);
  ui.storyId = id;
  panel.hidden = false;
  panel.dataset.alertId = id;
  $('alert-story-title').textContent = `Alert timeline · ${(entry && entry.alert.district) || 'unknown district'}`;
  if (ui.storyFor !== id) renderAlertTimeline($('alert-story-body'), { loading: true });
  ui.storyFor = id;
  panel.focus({ preventScroll: true });
  await refreshTimeline();
}

async function refreshTimeline() {
  const id = ui.storyId;
  if (!id || $('alert-story').hidden) return;
  try {
    const data = await api.get(`/api/alerts/${encodeURIComponent(id)}/timeline`, { timeoutMs: 8000 });
    if (ui.storyId === id) {
      renderAlertTimeline($('alert-story-body'), { data });
      $('alert-story').dataset.events = String((data.events || []).length);
    }
  } catch (e) {
    if (ui.storyId === id) renderAlertTimeline($('alert-story-body'), { error: e instanceof ApiError ? e.describe() : String(e) });
  }
}

function closeTimeline() {
  $('alert-story').hidden = true;
  ui.storyId = null;
  const back = ui.focusBeforeStory;
  ui.focusBeforeStory = null;
  if (back && document.contains(back)) back.focus({ preventScroll: true });
}

async function addNote(e) {
  e.preventDefault();
  const input = $('alert-note-input');
  const note = input.value.trim();
  const id = ui.storyId;
  if (!note || !id) return;
  try {
    await api.post(`/api/alerts/${encodeURIComponent(id)}/note`, { note });
    input.value = '';
    toast('Note added to the alert timeline.', 'success');
  } catch (err) {
    toast(`Could not add the note: ${err instanceof ApiError ? err.describe() : err}`, 'error');
  }
  refreshTimeline();
}

// ---------------------------------------------------------------------------------------------
// Actions

async function alertAction(id, action) {
  const entry = store.alerts.get(id);
  if (!entry || store.localOf(id).pending) return;
  let body = {};
  if (action === 'assign' || action === 'dismiss') {
    const answer = await askDialog(action, entry.alert);
    if (!answer) return;
    body = action === 'assign' ? { assignee: answer.unit, ...(answer.note ? { note: answer.note } : {}) } : (answer.note ? { note: answer.note } : {});
  }
  store.setLocal(id, { pending: action, error: undefined });
  scheduleRender({ alerts: true });
  const where = entry.alert.district || 'unknown district';
  try {
    await api.post(`/api/alerts/${encodeURIComponent(id)}/${action}`, body);
    const at = Date.now();
    const patch = { pending: undefined, error: undefined };
    if (action === 'ack') patch.acked = { at, by: ui.user };
    if (action === 'assign') patch.assigned = { at, assignee: body.assignee };
    if (action === 'dismiss') patch.dismissed = { at, note: body.note };
    store.setLocal(id, patch);
    const verb = { ack: 'Acknowledged', assign: `Assigned to ${body.assignee}:`, dismiss: 'Dismissed' }[action];
    toast(`${verb} alert in ${where}.`, 'success');
  } catch (e) {
    const text = e instanceof ApiError ? e.describe() : String(e);
    store.setLocal(id, { pending: undefined, error: `Could not ${action === 'ack' ? 'acknowledge' : action}: ${text}` });
    toast(`Could not ${action === 'ack' ? 'acknowledge' : action} the alert in ${where}: ${text}`, 'error');
  }
  session.set(KEYS.local, store.saveLocal());
  scheduleRender({ alerts: true, map: true });
  if (ui.storyId === id) refreshTimeline();
  refreshSharedStatus();
}

/** Who acknowledged, assigned or dismissed each open alert, on any console (the latest action). */
async function refreshSharedStatus() {
  try {
    const alerts = await api.get('/api/alerts', { timeoutMs: 8000 });
    if (!Array.isArray(alerts)) return;
    ui.shared = new Map(alerts.filter((a) => a && a.alertId && a.action).map((a) => [a.alertId, a.action]));
    scheduleRender({ alerts: true });
  } catch {
    // The list keeps this console's own marks; the timeline still reads the gateway.
  }
}

/** Asks for the unit (assign) or an optional reason (dismiss) in a modal dialog; resolves null on cancel. */
function askDialog(action, alert) {
  const dialog = $('action-dialog');
  const unit = $('action-unit');
  const note = $('action-note');
  const isAssign = action === 'assign';
  $('action-title').textContent = isAssign ? 'Assign alert to a unit' : 'Dismiss alert';
  $('action-summary').textContent = `${alert.district || 'Unknown district'}: ${alert.observed} observed vs ${alert.expected.toFixed(1)} expected in ${formatWindow(alert.windowMin)}.`;
  $('action-unit-label').hidden = !isAssign;
  unit.hidden = !isAssign;
  unit.required = isAssign;
  unit.value = isAssign ? (store.localOf(alert.alertId).assigned || {}).assignee || session.get(KEYS.unit, '') : '';
  note.value = '';
  note.placeholder = isAssign ? '' : 'e.g. known event, duplicate';
  $('action-confirm').textContent = isAssign ? 'Assign' : 'Dismiss';
  $('action-confirm').classList.toggle('danger', !isAssign);
  return new Promise((resolve) => {
    const form = $('action-form');
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      $('action-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = (e) => {
      e.preventDefault();
      if (isAssign && !unit.value.trim()) return unit.focus();
      done({ unit: unit.value.trim(), note: note.value.trim() });
    };
    const onCancel = (e) => {
      if (e) e.preventDefault();
      done(null);
    };
    form.addEventListener('submit', onSubmit);
    $('action-cancel').addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    (isAssign ? unit : note).focus();
  });
}

async function suggestionFeedback(id, button) {
  const item = store.suggestions.get(id);
  if (!item || store.suggestionState(id).pending) return;
  const action = FEEDBACK[button];
  const unit = $('unit-input').value.trim();
  store.setSuggestionState(id, { pending: button, error: undefined });
  try {
    await api.post(`/api/suggestions/${encodeURIComponent(id)}/feedback`, unit ? { action, unit } : { action });
    const at = Date.now();
    const patch = { pending: undefined, status: action, at };
    if (action === 'arrived') patch.arrivedAt = at;
    store.setSuggestionState(id, patch);
    const place = item.suggestion.district || 'the district';
    toast({
      accepted: `Accepted: patrol in ${place}.`,
      declined: `Declined: patrol in ${place}.`,
      arrived: `On scene in ${place}: ${item.suggestion.dwellMinutes || '?'} min dwell started.`,
      done: `Patrol in ${place} done.`,
    }[action], 'success');
  } catch (e) {
    let text = e instanceof ApiError ? e.describe() : String(e);
    if (e instanceof ApiError && (e.status === 404 || e.status === 405) && e.error !== 'unknown_suggestion') {
      text = `this gateway does not take patrol feedback yet (${e.describe()})`;
    }
    store.setSuggestionState(id, { pending: undefined, error: `Feedback not recorded: ${text}` });
    toast(`Feedback not recorded: ${text}`, 'error');
  }
  session.set(KEYS.local, store.saveLocal());
  scheduleRender({ suggestions: true });
}

// ---------------------------------------------------------------------------------------------
// Persistence, timers, announcements

/** The resume state is written at most every 10 s (it holds every cell) and when the page goes away. */
const PERSIST_EVERY_MS = 10000;
let persistTimer = null;
function persistSoon() {
  if (persistTimer) return; // already scheduled, or signed out
  persistTimer = setTimeout(persistNow, PERSIST_EVERY_MS);
}

function persistNow() {
  clearTimeout(persistTimer);
  persistTimer = null;
  if (!session.get(KEYS.token) || !store.hasSnapshot) return;
  session.set(KEYS.lastId, store.lastId);
  session.set(KEYS.state, { user: ui.user, ...store.serialize() });
  session.set(KEYS.local, store.saveLocal());
}

function announce(text) {
  $('announcer').textContent = text;
}

function everySecond() {
  if (!connection) return;
  const ended = tickCountdowns($('suggestion-list'));
  for (const id of ended) {
    const local = store.suggestionState(id);
    if (!local.dwellCued) {
      store.suggestionLocal.set(id, { ...local, dwellCued: true });
      cues.play('dwell');
      announce('Dwell time complete. Mark the patrol done when the unit leaves.');
    }
  }
}

/** Reloads the dosage table (supervisors see every district in scope, dispatchers their own). */
async function refreshDosage() {
  if ($('patrol-panel').hidden || !$('dosage-panel').open) return;
  try {
    renderDosage($('dosage-body'), await api.get('/api/patrol/dosage', { timeoutMs: 8000 }));
  } catch (e) {
    renderDosage($('dosage-body'), null, e instanceof ApiError ? e.describe() : String(e));
  }
}

function everyHalfMinute() {
  if (!connection) return;
  store.prune();
  refreshDosage();
  refreshSharedStatus();
  refreshTimeline();
  ui.halfMinutes = (ui.halfMinutes || 0) + 1;
  if (ui.districtsDerived && ui.halfMinutes % 4 === 0) loadDistricts();
  if (ui.historyAt !== null && ui.historyAt < Date.now() - HISTORY_SPAN_MIN * 60000) ui.historyAt = Date.now() - HISTORY_SPAN_MIN * 60000;
  scheduleRender({ all: true, timeline: true });
  if (ui.exp && !ui.tokenWarned && ui.exp - Date.now() < 5 * 60000) {
    ui.tokenWarned = true;
    toast(`Your session ends at ${formatTime(ui.exp)}. Sign in again before then to stay connected.`, 'warning', { timeoutMs: 0 });
  }
}

// ---------------------------------------------------------------------------------------------
// Controls and keyboard

function initControls() {
  $('logout').addEventListener('click', () => signOutEverywhere());
  $('conn-retry').addEventListener('click', () => connection && connection.retryNow());
  $('history-live').addEventListener('click', () => setHistory(0));
  $('time-slider').addEventListener('input', (e) => setHistory(Number(e.target.value)));
  $('alert-sort').value = ui.sort;
  $('alert-sort').addEventListener('change', (e) => {
    ui.sort = e.target.value;
    session.set(KEYS.sort, ui.sort);
    scheduleRender({ alerts: true });
  });
  $('show-handled').addEventListener('change', (e) => {
    ui.showHandled = e.target.checked;
    scheduleRender({ alerts: true, map: true });
  });
  $('window-select').addEventListener('change', (e) => {
    ui.windowMin = Number(e.target.value);
    session.set(KEYS.window, ui.windowMin);
    syncUrl();
    scheduleRender({ map: true });
  });
  $('district-all').addEventListener('click', () => {
    ui.districtSelection = null;
    session.set(KEYS.districts, null);
    syncUrl();
    scheduleRender({ all: true });
  });
  $('district-none').addEventListener('click', () => {
    ui.districtSelection = new Set();
    session.set(KEYS.districts, []);
    syncUrl();
    scheduleRender({ all: true });
  });
  for (const [id, key] of [['filter-signal', 'signal'], ['filter-severity', 'severity'], ['filter-types', 'types'], ['filter-since', 'since']]) {
    $(id).addEventListener('change', (e) => {
      ui.filters = { ...ui.filters, [key]: e.target.value };
      syncUrl();
      scheduleRender({ all: true });
    });
  }
  $('filter-reset').addEventListener('click', () => {
    ui.filters = readFilters(new URLSearchParams());
    syncUrl();
    scheduleRender({ all: true });
  });
  $('unit-input').addEventListener('change', (e) => session.set(KEYS.unit, e.target.value.trim()));
  $('cell-detail-close').addEventListener('click', closeCellDetail);
  $('alert-story-close').addEventListener('click', closeTimeline);
  $('alert-note-form').addEventListener('submit', addNote);
  $('help-button').addEventListener('click', () => $('help-dialog').showModal());

  for (const [id, kind] of [['mute-alerts', 'alert'], ['mute-suggestions', 'suggestion']]) {
    const button = $(id);
    const what = kind === 'alert' ? 'Alerts' : 'Patrol';
    const show = () => {
      const muted = cues.isMuted(kind);
      button.setAttribute('aria-pressed', String(muted));
      button.innerHTML = `${muted ? ICON_BELL_OFF : ICON_BELL}<span>${what}</span>`;
      button.setAttribute('aria-label', `${what} sound ${muted ? 'muted' : 'on'}`);
      button.title = `${muted ? 'Unmute' : 'Mute'} the ${kind === 'alert' ? 'high-severity alert' : 'patrol suggestion'} sound (${kind === 'alert' ? 'M' : 'N'})`;
      button.classList.toggle('muted', muted);
    };
    button.addEventListener('click', () => cues.toggle(kind));
    cues.addEventListener('mute', (e) => e.detail.kind === kind && show());
    show();
  }

  installShortcuts({
    next: () => moveSelection(1),
    prev: () => moveSelection(-1),
    open: () => ui.selectedId && selectAlert(ui.selectedId, { pan: true }),
    ack: () => ui.selectedId && ui.role === 'supervisor' && alertAction(ui.selectedId, 'ack'),
    assign: () => ui.selectedId && ui.role === 'supervisor' && alertAction(ui.selectedId, 'assign'),
    dismiss: () => ui.selectedId && ui.role === 'supervisor' && alertAction(ui.selectedId, 'dismiss'),
    timeline: () => ui.selectedId && openTimeline(ui.selectedId),
    patrol: () => {
      const first = $('suggestion-list').querySelector('button:not([disabled])');
      if (first) first.focus();
      else $('patrol-panel').scrollIntoView();
    },
    districts: () => {
      const d = $('district-filter');
      d.open = true;
      const first = d.querySelector('input, button');
      if (first) first.focus();
    },
    back: () => setHistory((ui.historyAt === null ? 0 : Math.round((ui.historyAt - Date.now()) / 60000)) - 15),
    forward: () => ui.historyAt !== null && setHistory(Math.round((ui.historyAt - Date.now()) / 60000) + 15),
    live: () => setHistory(0),
    fit: () => mapView && mapView.fitToData(),
    muteAlerts: () => toast(cues.toggle('alert') ? 'Alert sound muted.' : 'Alert sound on.', 'info'),
    muteSuggestions: () => toast(cues.toggle('suggestion') ? 'Patrol sound muted.' : 'Patrol sound on.', 'info'),
    help: () => $('help-dialog').showModal(),
    escape: () => {
      const d = $('district-filter');
      if (d.open) {
        d.open = false;
        d.querySelector('summary').focus();
      } else if (!$('alert-story').hidden) closeTimeline();
      else if (!$('cell-detail').hidden) closeCellDetail();
    },
  });

  document.addEventListener('click', (e) => {
    for (const d of [$('district-filter'), $('filter-menu')]) {
      if (d.open && !d.contains(e.target)) d.open = false;
    }
  });
  window.addEventListener('pagehide', persistNow);
  window.addEventListener('resize', () => mapView && mapView.invalidate());
  $('dosage-panel').addEventListener('toggle', () => refreshDosage());
  setInterval(everySecond, 1000);
  setInterval(everyHalfMinute, 30000);
}

// ---------------------------------------------------------------------------------------------
// Boot

initControls();
await initLogin();
const existing = session.get(KEYS.token);
const claims = existing && decodeJwt(existing);
const farewell = session.get(KEYS.loginMessage);
session.set(KEYS.loginMessage, null);
if (claims && (!claims.exp || claims.exp * 1000 > Date.now())) {
  startConsole();
} else {
  if (existing) session.set(KEYS.token, null);
  loginMessage(farewell || (existing ? 'Your session has expired. Sign in again.' : ''));
  $('login').hidden = false;
  if (demo && params.get('user') && !farewell) {
    $('dev-user').value = params.get('user');
    $('dev-login-form').requestSubmit();
  } else {
    $('dev-user').focus();
  }
}
// The demo exposes its state for poking around in the browser's devtools.
if (demo) window.beatwatch = { store, ui, cues, get connection() { return connection; } };
