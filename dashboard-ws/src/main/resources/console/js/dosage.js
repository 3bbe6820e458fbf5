// Patrol dosage of the feed's day: minutes, visits, answers and concentration per district.
import { h } from './util.js';

/** Above this share of a district's minutes on one cell, the row is flagged (the cap is 10%). */
export const CONCENTRATION_WARN = 0.1;

/** Renders the body of GET /api/patrol/dosage into el; data null means "could not load". */
export function renderDosage(el, data, error) {
  if (error) {
    el.replaceChildren(h('p', { class: 'error', 'data-testid': 'dosage-error' }, `Dosage not available: ${error}`));
    return;
  }
  const rows = (data && Array.isArray(data.districts)) ? data.districts : [];
  if (!data || !data.date || !rows.length) {
    el.replaceChildren(h('p', { class: 'empty' }, 'No patrol minutes recorded yet today.'));
    return;
  }
  const pct = (x) => (typeof x === 'number' ? `${Math.round(x * 100)}%` : '—');
  el.replaceChildren(
    h('p', { class: 'hint' }, `Patrol minutes on ${data.date} (suggested dwell, or the minutes reported done).`),
    h('table', { class: 'dosage-table', 'data-testid': 'dosage-table' },
      h('thead', {}, h('tr', {},
        ...['District', 'Minutes', 'Visits', 'From alerts', 'Done min', 'Declined', 'Top cell'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {
        'data-testid': 'dosage-row',
        'data-district': r.district,
        class: r.topCellShare > CONCENTRATION_WARN ? 'concentrated' : null,
        title: r.topCell ? `Most minutes: cell ${r.topCell}` : null,
      },
      h('th', { scope: 'row' }, r.district),
      h('td', { 'data-testid': 'dosage-minutes' }, String(r.minutes)),
      h('td', {}, String(r.visits)),
      h('td', {}, String(r.fromAlerts)),
      h('td', {}, String(r.doneMinutes)),
      h('td', {}, String(r.declined)),
      h('td', {}, pct(r.topCellShare)))))));
}
