// An alert's whole story (GET /api/alerts/{id}/timeline): status, a sparkline of observed and
// expected over its revisions, every event in order, and the patrol visits it drove.
import { formatNumber, formatTime, h, toMillis } from './util.js';

const SVG = 'http://www.w3.org/2000/svg';

const KIND = {
  opened: 'Opened',
  updated: 'Updated',
  closed: 'Closed by the detector',
  acknowledged: 'Acknowledged',
  assigned: 'Assigned',
  note: 'Note',
  dismissed: 'Dismissed',
  'patrol.accepted': 'Patrol accepted',
  'patrol.declined': 'Patrol declined',
  'patrol.arrived': 'Patrol on scene',
  'patrol.done': 'Patrol done',
};

/** Renders the timeline JSON into the panel body; `state` is {data, loading, error}. */
export function renderTimeline(body, { data, loading, error }) {
  if (loading && !data) {
    body.replaceChildren(h('p', { class: 'hint', 'aria-busy': 'true' }, 'Loading the timeline…'));
    return;
  }
  if (error) {
    body.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-testid': 'timeline-error' }, `Timeline unavailable: ${error}`));
    return;
  }
  const s = data.status || {};
  const facts = [
    ['State', `${s.state || 'unknown'}${data.open ? '' : ' (no longer open)'}`],
    ['Opened', data.openedAt ? formatTime(toMillis(data.openedAt)) : '—'],
    ['Acknowledged', s.acknowledged ? `${formatTime(toMillis(s.acknowledged.at))} by ${s.acknowledged.by}` : 'not yet'],
    ['Assigned', s.assigned ? `${s.assigned.unit} (${formatTime(toMillis(s.assigned.at))}, by ${s.assigned.by})` : 'no unit'],
  ];
  if (s.dismissed) facts.push(['Dismissed', `${formatTime(toMillis(s.dismissed.at))} by ${s.dismissed.by}${s.dismissed.reason ? `: ${s.dismissed.reason}` : ''}`]);
  if (s.closedAt) facts.push(['Closed', formatTime(toMillis(s.closedAt))]);
  body.replaceChildren(
    h('dl', { class: 'story-facts', 'data-testid': 'timeline-status' },
      facts.map(([k, v]) => h('div', { class: 'fact' }, h('dt', {}, k), h('dd', {}, v)))),
    sparkline(data.series || []),
    h('h3', {}, 'Events'),
    h('ol', { class: 'story-events', 'data-testid': 'timeline-events' },
      (data.events || []).map((e) => h('li', { 'data-testid': 'timeline-event', 'data-kind': e.kind },
        h('time', { datetime: e.at }, formatTime(toMillis(e.at))),
        h('span', { class: 'story-kind' }, KIND[e.kind] || e.kind),
        h('span', { class: 'story-detail' }, detail(e))))),
    visits(data.visits || []),
  );
}

function detail(e) {
  if (e.kind === 'opened' || e.kind === 'updated' || e.kind === 'closed') {
    return `${formatNumber(e.observed, 0)} observed vs ${formatNumber(e.expected, 1)} expected${e.category ? ` · ${e.category}` : ''}`;
  }
  if (e.kind.startsWith('patrol.')) {
    return [e.unit ? `unit ${e.unit}` : null, e.by ? `by ${e.by}` : null, e.dwellMinutes ? `${e.dwellMinutes} min dwell` : null].filter(Boolean).join(' · ');
  }
  return [e.by ? `by ${e.by}` : null, e.assignee ? `to ${e.assignee}` : null, e.note ? `“${e.note}”` : null].filter(Boolean).join(' · ');
}

function visits(list) {
  if (!list.length) return h('p', { class: 'hint' }, 'No patrol visits from this alert yet.');
  return h('div', { class: 'story-visits' },
    h('h3', {}, 'Patrol visits'),
    h('table', { class: 'grid', 'data-testid': 'timeline-visits' },
      h('thead', {}, h('tr', {}, ['Unit', 'Status', 'Dwell', 'On scene'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map((v) => h('tr', { 'data-testid': 'timeline-visit' },
        h('td', {}, v.unit || '—'),
        h('td', {}, v.status),
        h('td', { class: 'num' }, `${v.dwellMinutes} min`),
        h('td', { class: 'num' }, v.minutesOnScene !== undefined ? `${v.minutesOnScene} min` : '—'))))));
}

/** A small SVG of observed (line) and expected (dashed) over the revisions. */
function sparkline(series) {
  const W = 300;
  const H = 56;
  const pad = 4;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('data-testid', 'timeline-sparkline');
  svg.setAttribute('data-points', String(series.length));
  svg.setAttribute('role', 'img');
  const last = series[series.length - 1];
  svg.setAttribute('aria-label', series.length
    ? `Observed and expected over ${series.length} revision${series.length === 1 ? '' : 's'}; latest ${last.observed} observed vs ${formatNumber(last.expected, 1)} expected`
    : 'No revisions');
  if (!series.length) return svg;
  const max = Math.max(1, ...series.map((p) => Math.max(p.observed, p.expected)));
  const x = (i) => (series.length === 1 ? W / 2 : pad + (i * (W - 2 * pad)) / (series.length - 1));
  const y = (v) => H - pad - (v / max) * (H - 2 * pad);
  const line = (key, cls) => {
    const el = document.createElementNS(SVG, 'polyline');
    el.setAttribute('points', series.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' '));
    el.setAttribute('class', cls);
    svg.append(el);
  };
  line('expected', 'spark-expected');
  line('observed', 'spark-observed');
  series.forEach((p, i) => {
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', x(i).toFixed(1));
    dot.setAttribute('cy', y(p.observed).toFixed(1));
    dot.setAttribute('r', '2.5');
    dot.setAttribute('class', 'spark-dot');
    svg.append(dot);
  });
  return svg;
}
