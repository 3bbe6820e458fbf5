// The cell detail panel: what this console knows about a cell, then GET /api/cells/{cell}.
import { formatDays, formatNumber, formatRecurrence, formatTime, formatWindow, h, toMillis } from './util.js';

/** state: {cell, local: [Cell], alerts: [alert], remote, loading, error} */
export function renderCellDetail(body, { cell, local, alerts, remote, loading, error }) {
  const parts = [];
  if (local.length) {
    parts.push(h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Window', 'Observed', 'Expected', 'Score', 'Once in ≈'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, local.map((c) => h('tr', {},
        h('td', {}, formatWindow(c.windowMin)),
        h('td', { class: 'num' }, formatNumber(c.observed, 0)),
        h('td', { class: 'num' }, formatNumber(c.expected, 1)),
        h('td', { class: 'num' }, formatNumber(c.score, 1)),
        h('td', { class: 'num' }, formatDays(c.recurrenceIntervalDays)))))));
    const d = local[0];
    parts.push(h('p', { class: 'hint' }, `${d.district || 'Unknown district'} · ${formatNumber(d.lat, 5)}, ${formatNumber(d.lon, 5)}`));
  } else {
    parts.push(h('p', { class: 'hint' }, 'No live counts for this cell on the map.'));
  }
  if (alerts.length) {
    parts.push(h('h3', {}, 'Alerts here'), h('ul', { class: 'plain' }, alerts.map((a) => h('li', {},
      `${a.state} · ${a.category || ''} · ${a.observed} vs ${formatNumber(a.expected, 1)} in ${formatWindow(a.windowMin)} · ${formatRecurrence(a.recurrenceIntervalDays)}`))));
  }
  parts.push(h('h3', {}, 'From the gateway'));
  if (loading) parts.push(h('p', { class: 'hint', 'aria-busy': 'true' }, 'Loading…'));
  else if (error) parts.push(h('p', { class: 'error', role: 'alert' }, `Cell detail unavailable: ${error}`));
  else if (remote) parts.push(renderValue(remote, 0));
  body.replaceChildren(...parts);
  body.dataset.cell = cell;
}

/**
 * The gateway's answer, shown as it comes: arrays of records as tables, objects as definition
 * lists, instants as local times. The console does not depend on its exact shape.
 */
function renderValue(value, depth) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) {
    if (!value.length) return h('span', { class: 'label-muted' }, 'none');
    if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const cols = [...new Set(value.flatMap((v) => Object.keys(v)))].filter((c) => c !== 'boundary').slice(0, 7);
      return h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, label(c))))),
        h('tbody', {}, value.slice(0, 50).map((row) => h('tr', {}, cols.map((c) => h('td', {}, scalar(c, row[c])))))));
    }
    return value.slice(0, 20).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  }
  if (typeof value === 'object') {
    if (depth > 2) return JSON.stringify(value);
    const entries = Object.entries(value).filter(([k]) => k !== 'boundary' && k !== 'v');
    const isTable = ([, v]) => Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object');
    // Scalars as a definition list; lists of records as full-width tables under their own heading.
    return h('div', {},
      h('dl', { class: 'kv' }, entries.filter((e) => !isTable(e)).map(([k, v]) => h('div', {}, h('dt', {}, label(k)),
        h('dd', {}, typeof v === 'object' && v !== null ? renderValue(v, depth + 1) : scalar(k, v))))),
      entries.filter(isTable).map(([k, v]) => [h('h4', {}, label(k)), renderValue(v, depth + 1)]));
  }
  return String(value);
}

function scalar(key, v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  if (/recurrence/i.test(key) && typeof v === 'number') return formatDays(v);
  if (/^window/i.test(key) && typeof v === 'number') return formatWindow(v);
  if (typeof v === 'string' && /(^at|At|Time)$/.test(key) && toMillis(v)) return formatTime(toMillis(v));
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatNumber(v, 2);
  return String(v);
}

function label(key) {
  if (/^recurrenceIntervalDays$/.test(key)) return 'Once in ≈';
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}
