// Patrol suggestions: place, why, dwell, validity; accept / decline / arrived / done with a dwell countdown.
import { formatAgo, formatClock, formatTime, h } from './util.js';

/** Wire values of PatrolFeedback.Action, by button. */
export const FEEDBACK = { accept: 'accepted', decline: 'declined', arrived: 'arrived', done: 'done' };

const NEXT = {
  new: ['accept', 'decline'],
  accepted: ['arrived', 'decline'],
  arrived: ['done'],
  done: [],
  declined: [],
};
const LABEL = { accept: 'Accept', decline: 'Decline', arrived: 'Arrived', done: 'Done' };
const STATUS = { new: 'New', accepted: 'Accepted', arrived: 'On scene', done: 'Done', declined: 'Declined', expired: 'Expired' };

/**
 * rows: [{suggestion, local, alert}] sorted; handlers: {onFeedback(id, button), onShow(suggestion)};
 * opts: {now, canAct}
 */
export function renderSuggestions(listEl, rows, handlers, opts) {
  const active = document.activeElement;
  const focusKey = active && listEl.contains(active) ? active.dataset.focusKey : null;
  listEl.replaceChildren(...rows.map((row) => renderItem(row, handlers, opts)));
  if (focusKey) {
    const again = listEl.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (again && !again.disabled) again.focus({ preventScroll: true });
    else {
      const next = listEl.querySelector(`[data-suggestion-id="${CSS.escape(focusKey.split('|')[0])}"] button:not([disabled])`);
      if (next) next.focus({ preventScroll: true });
    }
  }
  tickCountdowns(listEl, opts.now);
}

export function effectiveStatus(suggestion, local, now) {
  const status = local.status || 'new';
  if (status === 'new' && suggestion.validUntilMs && suggestion.validUntilMs < now) return 'expired';
  return status;
}

function renderItem({ suggestion: s, local, alert }, handlers, { now, canAct }) {
  const id = s.suggestionId;
  const status = effectiveStatus(s, local, now);
  const buttons = status === 'expired' ? [] : NEXT[status] || [];
  const key = (suffix) => `${id}|${suffix}`;
  const dwellEnd = local.arrivedAt ? local.arrivedAt + (s.dwellMinutes || 0) * 60000 : null;
  const place = s.place || s.label || (s.centroid ? `near ${s.centroid.lat.toFixed(4)}, ${s.centroid.lon.toFixed(4)}` : s.cell);

  return h('li', {
    class: `suggestion status-${status}`,
    'data-testid': 'suggestion-item',
    'data-suggestion-id': id,
    'data-status': status,
  },
  h('div', { class: 'sugg-head' },
    h('span', { class: 'badge district-badge' }, s.district || '—'),
    h('span', { class: `badge sugg-status st-${status}`, 'data-testid': 'suggestion-status' }, STATUS[status] || status),
    h('span', { class: 'when' }, whenText(s, status, local, now))),
  h('p', { class: 'sugg-place' },
    h('strong', {}, `Patrol ${s.dwellMinutes || '?'} min`), ' ', place,
    h('span', { class: 'cell-id', title: 'H3 cell' }, ` · ${s.cell}`)),
  h('p', { class: 'sugg-why' }, h('span', { class: 'label-muted' }, 'Why '), s.reason || (alert ? 'open alert' : 'forecast risk'),
    alert ? h('span', { class: 'label-muted' }, ` · alert ${alert.observed} vs ${alert.expected.toFixed(1)} expected`) : null),
  dwellEnd
    ? h('p', { class: 'countdown', 'data-testid': 'dwell-countdown', 'data-dwell-end': String(dwellEnd), 'aria-live': 'off' },
      status === 'done' ? `Dwell ended, marked done ${formatTime(local.at, now)}` : '')
    : null,
  local.error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'suggestion-error' }, local.error) : null,
  h('div', { class: 'actions' },
    canAct ? buttons.map((b) => h('button', {
      type: 'button',
      class: `btn small ${b === 'accept' || b === 'arrived' || b === 'done' ? 'primary' : 'danger-ghost'}`,
      'data-testid': `suggestion-${b}`,
      'data-focus-key': key(b),
      disabled: !!local.pending,
      'aria-busy': local.pending === b ? 'true' : null,
      onclick: () => handlers.onFeedback(id, b),
    }, local.pending === b ? `${LABEL[b]}…` : LABEL[b])) : null,
    h('button', { type: 'button', class: 'btn tiny ghost', 'data-focus-key': key('show'), onclick: () => handlers.onShow(s) }, 'Show on map')));
}

/** Validity while the suggestion awaits an answer; once answered, when (validity no longer applies). */
function whenText(s, status, local, now) {
  if (status === 'new' || status === 'expired') {
    if (!s.validUntilMs) return '';
    return s.validUntilMs >= now
      ? `valid until ${formatTime(s.validUntilMs, now)} (${formatAgo(s.validUntilMs, now)})`
      : `expired ${formatAgo(s.validUntilMs, now)}`;
  }
  return local.at ? `${STATUS[status] || status} ${formatTime(local.at, now)}` : '';
}

/**
 * Updates the countdown text of every arrived suggestion (called every second, no re-render).
 * Returns the ids whose dwell just ended, so the caller can cue once.
 */
export function tickCountdowns(listEl, now = Date.now()) {
  const ended = [];
  for (const el of listEl.querySelectorAll('[data-dwell-end]')) {
    const item = el.closest('[data-suggestion-id]');
    if (!item || item.dataset.status !== 'arrived') continue;
    const left = (Number(el.dataset.dwellEnd) - now) / 1000;
    el.textContent = left > 0 ? `On scene · ${formatClock(left)} left of the dwell` : `Dwell complete (${formatClock(left)}), mark done when you leave`;
    el.classList.toggle('over', left <= 0);
    if (left <= 0) ended.push(item.dataset.suggestionId);
  }
  return ended;
}
