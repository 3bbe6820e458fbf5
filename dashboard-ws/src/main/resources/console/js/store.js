// The console's state: alerts (with the revisions seen, for the history slider), map cells,
// patrol suggestions, the resume position (lastId) and what the user did locally.
import { compareStreamIds, toMillis, windowMinutes } from './util.js';

const DAY_MS = 24 * 3600 * 1000;
/** Stream ids remembered for dedupe, beyond the lastId comparison. */
const SEEN_IDS_KEPT = 5000;
const HISTORY_PER_ALERT = 60;

/** Adds the parsed times and window to a wire alert, keeping every original field. */
export function normalizeAlert(raw) {
  const centroid = raw.centroid && Number.isFinite(raw.centroid.lat) ? raw.centroid : null;
  return {
    ...raw,
    cells: Array.isArray(raw.cells) ? raw.cells : [],
    topTypes: Array.isArray(raw.topTypes) ? raw.topTypes : [],
    centroid,
    eventMs: toMillis(raw.eventTime),
    openedMs: toMillis(raw.openedAt),
    emittedMs: toMillis(raw.emittedAt),
    windowMin: windowMinutes(raw.window, 'seconds'),
  };
}

export function normalizeCell(raw) {
  return { ...raw, windowMin: windowMinutes(raw.window, 'minutes') };
}

export const cellKey = (cell, windowMin) => `${cell}|${windowMin ?? ''}`;

/** When an alert revision happened, for ordering and the history slider. */
export const alertTime = (a) => a.eventMs ?? a.emittedMs ?? a.openedMs ?? a.receivedMs ?? null;

/** Holds state and tells listeners what changed ('change' event, detail {alerts, cells, suggestions}). */
export class Store extends EventTarget {
  constructor() {
    super();
    this.reset();
  }

  reset() {
    this.alerts = new Map();
    this.cells = new Map();
    this.boundaries = new Map();
    this.suggestions = new Map();
    this.alertLocal = new Map();
    this.suggestionLocal = new Map();
    this.seenIds = new Set();
    this.lastId = null;
    this.hasSnapshot = false;
    this.districtsSeen = new Set();
    this.windows = new Set();
  }

  changed(what) {
    this.dispatchEvent(new CustomEvent('change', { detail: what }));
  }

  // ---- snapshot, alerts, cells -------------------------------------------------------------

  /** A snapshot: with resync the server's view replaces ours; without, it merges in. */
  applySnapshot(msg) {
    if (msg.resync) {
      this.alerts.clear();
      this.seenIds.clear();
    }
    const now = Date.now();
    for (const raw of msg.alerts || []) this.upsertAlert(raw, { receivedMs: now });
    if (Array.isArray(msg.cells)) {
      this.cells.clear();
      this.upsertCells(msg.cells, { silent: true });
    }
    if (msg.lastId) this.lastId = msg.lastId;
    this.hasSnapshot = true;
    this.changed({ alerts: true, cells: true, snapshot: true });
  }

  /** True when a live alert frame carries a stream id we have already applied. */
  isDuplicate(streamId) {
    if (!streamId) return false;
    if (this.seenIds.has(streamId)) return true;
    return this.lastId !== null && compareStreamIds(streamId, this.lastId) <= 0 && /^\d+-\d+$/.test(this.lastId);
  }

  /**
   * Applies one alert frame ({id, alert}). Returns {entry, previous} or null for a duplicate;
   * previous is the alert revision it replaced (undefined when the alert is new to us).
   */
  applyAlertFrame(msg) {
    if (this.isDuplicate(msg.id)) return null;
    if (msg.id) {
      this.seenIds.add(msg.id);
      if (this.seenIds.size > SEEN_IDS_KEPT) this.seenIds.delete(this.seenIds.values().next().value);
      this.lastId = msg.id;
    }
    const result = this.upsertAlert(msg.alert, { receivedMs: Date.now(), streamId: msg.id });
    this.changed({ alerts: true });
    return result;
  }

  upsertAlert(raw, { receivedMs, streamId } = {}) {
    if (!raw || !raw.alertId) return null;
    const alert = normalizeAlert({ ...raw, receivedMs });
    if (alert.district) this.districtsSeen.add(alert.district);
    let entry = this.alerts.get(alert.alertId);
    const previous = entry ? entry.alert : undefined;
    if (!entry) {
      entry = { alertId: alert.alertId, alert, history: [], streamId: null, firstSeenMs: receivedMs };
      this.alerts.set(alert.alertId, entry);
    } else if ((alertTime(alert) ?? Infinity) >= (alertTime(entry.alert) ?? -Infinity)) {
      entry.alert = alert;
    }
    if (streamId) entry.streamId = streamId;
    addRevision(entry, alert);
    return { entry, previous };
  }

  upsertCells(cells, { silent = false } = {}) {
    for (const raw of cells || []) {
      if (!raw || !raw.cell) continue;
      const cell = normalizeCell(raw);
      const key = cellKey(cell.cell, cell.windowMin);
      if (Array.isArray(cell.boundary) && cell.boundary.length >= 3) this.boundaries.set(cell.cell, cell.boundary);
      if (cell.district) this.districtsSeen.add(cell.district);
      if (cell.windowMin !== null) this.windows.add(cell.windowMin);
      // A cell with nothing left in its window is gone from the map.
      if (!(cell.observed > 0) && !(cell.score > 0)) this.cells.delete(key);
      else this.cells.set(key, cell);
    }
    if (!silent) this.changed({ cells: true });
  }

  /** The alert revisions in force at time t (ms): each alert's latest revision at or before t, closed ones left out. */
  alertsAsOf(t) {
    const out = [];
    for (const entry of this.alerts.values()) {
      const rev = revisionAt(entry, t);
      if (rev && rev.state !== 'closed') out.push({ entry, alert: rev });
    }
    return out;
  }

  /** Drops alert revisions older than a day (keeping each alert's last one) and old closed alerts. */
  prune(now = Date.now()) {
    const horizon = now - DAY_MS;
    for (const [id, entry] of this.alerts) {
      const t = alertTime(entry.alert);
      if (entry.alert.state === 'closed' && t !== null && t < horizon) {
        this.alerts.delete(id);
        continue;
      }
      while (entry.history.length > 1 && entry.history[1].t < horizon) entry.history.shift();
    }
    for (const [id, item] of this.suggestions) {
      const until = item.suggestion.validUntilMs;
      const local = this.suggestionLocal.get(id);
      const finished = local && (local.status === 'done' || local.status === 'declined');
      if ((until && until < now - 3600e3) || (finished && now - local.at > 1800e3)) this.suggestions.delete(id);
    }
  }

  // ---- local actions on alerts -------------------------------------------------------------

  localOf(alertId) {
    return this.alertLocal.get(alertId) || {};
  }

  setLocal(alertId, patch) {
    this.alertLocal.set(alertId, { ...this.localOf(alertId), ...patch });
    this.changed({ alerts: true, local: true });
  }

  // ---- suggestions -------------------------------------------------------------------------

  /** Returns true when the suggestion is new to this console. */
  upsertSuggestion(raw) {
    if (!raw || !raw.suggestionId) return false;
    const isNew = !this.suggestions.has(raw.suggestionId);
    const suggestion = {
      ...raw,
      createdMs: toMillis(raw.createdAt),
      validUntilMs: toMillis(raw.validUntil),
    };
    if (raw.district) this.districtsSeen.add(raw.district);
    const previous = this.suggestions.get(raw.suggestionId);
    this.suggestions.set(raw.suggestionId, { suggestion, receivedMs: previous ? previous.receivedMs : Date.now() });
    this.changed({ suggestions: true });
    return isNew;
  }

  suggestionState(id) {
    return this.suggestionLocal.get(id) || { status: 'new' };
  }

  setSuggestionState(id, patch) {
    this.suggestionLocal.set(id, { ...this.suggestionState(id), ...patch });
    this.changed({ suggestions: true, local: true });
  }

  // ---- persistence (per browser tab, so a reload resumes from lastId) ----------------------

  serialize() {
    return {
      v: 1,
      lastId: this.lastId,
      alerts: [...this.alerts.values()].map((e) => ({ alert: stripDerived(e.alert), history: e.history.map((r) => stripDerived(r.alert)), streamId: e.streamId })),
      cells: [...this.cells.values()],
      suggestions: [...this.suggestions.values()].map((s) => s.suggestion),
    };
  }

  /** Restores a serialized state; returns false when there was nothing usable. */
  restore(saved) {
    if (!saved || saved.v !== 1 || !saved.lastId) return false;
    for (const item of saved.alerts || []) {
      for (const rev of item.history || []) this.upsertAlert(rev, { receivedMs: rev.receivedMs });
      this.upsertAlert(item.alert, { receivedMs: item.alert.receivedMs, streamId: item.streamId });
    }
    this.upsertCells(saved.cells || [], { silent: true });
    for (const s of saved.suggestions || []) this.upsertSuggestion(s);
    this.lastId = saved.lastId;
    this.hasSnapshot = true;
    this.changed({ alerts: true, cells: true, suggestions: true, snapshot: true });
    return true;
  }

  saveLocal() {
    return { alerts: Object.fromEntries(this.alertLocal), suggestions: Object.fromEntries(this.suggestionLocal) };
  }

  restoreLocal(saved) {
    if (!saved) return;
    for (const [id, v] of Object.entries(saved.alerts || {})) this.alertLocal.set(id, { ...v, pending: undefined, error: undefined });
    for (const [id, v] of Object.entries(saved.suggestions || {})) this.suggestionLocal.set(id, { ...v, pending: undefined, error: undefined });
  }
}

function addRevision(entry, alert) {
  const t = alertTime(alert) ?? Date.now();
  const history = entry.history;
  const last = history[history.length - 1];
  if (last && last.t === t && last.alert.state === alert.state && last.alert.observed === alert.observed) return;
  history.push({ t, alert });
  history.sort((a, b) => a.t - b.t);
  if (history.length > HISTORY_PER_ALERT) history.splice(0, history.length - HISTORY_PER_ALERT);
}

function revisionAt(entry, t) {
  let found = null;
  for (const rev of entry.history) {
    if (rev.t <= t) found = rev.alert;
    else break;
  }
  if (found) return found;
  // Alerts known only from a snapshot: they existed since openedAt, but only a later revision is known.
  const first = entry.history[0];
  if (first && first.alert.openedMs !== null && first.alert.openedMs <= t) return { ...first.alert, approximate: true };
  return null;
}

function stripDerived(a) {
  const { eventMs, openedMs, emittedMs, windowMin, ...wire } = a;
  return wire;
}
