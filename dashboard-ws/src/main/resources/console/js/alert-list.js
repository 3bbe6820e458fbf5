// The alert list: one explained item per alert, with acknowledge / assign / dismiss.
import { alertLevel, CATEGORY } from './severity.js';
import { formatAgo, formatNumber, formatRecurrence, formatTime, formatWindow, h, toMillis } from './util.js';

const SIGNAL = { cfs: 'Calls for service', tips: 'Tips only', both: 'Calls + tips' };
const ACTION_DONE = { ack: 'Acknowledged', assign: 'Assigned', dismiss: 'Dismissed' };

/**
 * Renders `rows` ([{alert, local}], already filtered and sorted) into the list element.
 * handlers: {onSelect(id, {pan}), onAction(id, action), onCellDetail(cell), onTimeline(id)}; opts: {selectedId, canAct, now, history}
 */
export function renderAlertList(listEl, rows, handlers, opts) {
  // Re-rendering replaces the nodes; remember which control had focus and give it back.
  const active = document.activeElement;
  const focusKey = active && listEl.contains(active) ? active.dataset.focusKey : null;

  listEl.replaceChildren(...rows.map((row) => renderItem(row, handlers, opts)));

  if (focusKey) {
    const again = listEl.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (again && !again.disabled) again.focus({ preventScroll: true });
    else {
      const item = listEl.querySelector(`[data-alert-id="${CSS.escape(focusKey.split('|')[0])}"] .alert-main`);
      if (item) item.focus({ preventScroll: true });
    }
  }
}

function renderItem({ alert, local, shared }, handlers, { selectedId, canAct, now, history }) {
  const id = alert.alertId;
  const level = alertLevel(alert);
  const category = CATEGORY[alert.category] || { label: alert.category || 'Unknown', icon: '•' };
  const closed = alert.state === 'closed';
  const selected = id === selectedId;
  const ratio = alert.expected > 0 ? alert.observed / alert.expected : null;
  // A revision known only from later (history view of a snapshot alert): show when it opened.
  const time = alert.approximate ? alert.openedMs : alert.eventMs ?? alert.emittedMs;
  const key = (suffix) => `${id}|${suffix}`;

  const classes = ['alert', `sev-${level.id}`];
  if (selected) classes.push('selected');
  if (closed) classes.push('closed');
  if (local.dismissed) classes.push('dismissed');

  const confirmed = alert.confirmed !== false && alert.signal !== 'tips';
  const handled = statusLine(local) || sharedLine(shared);

  return h('li', {
    class: classes.join(' '),
    'data-testid': 'alert-item',
    'data-alert-id': id,
    'data-severity': level.id,
    'data-state': alert.state,
    'aria-current': selected ? 'true' : null,
    onclick: (e) => {
      if (e.target.closest('button')) return;
      handlers.onSelect(id, { pan: true });
    },
  },
  h('div', { class: 'alert-head' },
    h('span', { class: `sev-badge sev-${level.id}`, 'data-testid': 'alert-severity' }, level.label),
    h('span', { class: `cat cat-${alert.category}`, title: 'Emerging hot spot category' }, `${category.icon} ${category.label}`),
    confirmed
      ? h('span', { class: 'badge confirmed', title: 'Rests on calls for service' }, 'Confirmed')
      : h('span', { class: 'badge unconfirmed', title: 'Tips only: needs calls for service to corroborate' }, 'Unconfirmed'),
    closed ? h('span', { class: 'badge state-closed' }, 'Closed') : alert.state === 'updated' ? h('span', { class: 'badge state-updated' }, 'Updated') : null,
    h('span', { class: 'when' },
      alert.approximate ? 'opened ' : null,
      h('time', { datetime: time ? new Date(time).toISOString() : null, title: time ? new Date(time).toString() : null }, formatTime(time, now)),
      time ? h('span', { class: 'ago' }, ` · ${formatAgo(time, now)}`) : null)),
  h('button', {
    type: 'button',
    class: 'alert-main',
    'data-focus-key': key('main'),
    'data-testid': 'alert-open',
    'aria-label': `${level.label} ${category.label} alert in ${alert.district || 'unknown district'}: observed ${alert.observed} versus expected ${formatNumber(alert.expected)}. Show on map.`,
    onclick: () => handlers.onSelect(id, { pan: true }),
  },
  h('span', { class: 'district' }, alert.district || '—'),
  h('span', { class: 'obs' },
    h('strong', {}, formatNumber(alert.observed, 0)),
    ' observed vs ',
    h('strong', {}, formatNumber(alert.expected, 1)),
    ' expected',
    ratio !== null ? h('span', { class: 'ratio' }, ` ${formatNumber(ratio)}×`) : null),
  h('span', { class: 'window' }, `in ${formatWindow(alert.windowMin)}`)),
  h('dl', { class: 'facts' },
    fact('Rarity', formatRecurrence(alert.recurrenceIntervalDays), 'rarity'),
    fact('Score', formatNumber(alert.score, 1)),
    fact('Signal', `${SIGNAL[alert.signal] || alert.signal || '—'}${alert.tipCount ? ` · ${alert.tipCount} tip${alert.tipCount === 1 ? '' : 's'}` : ' · no tips'}`),
),
  alert.topTypes.length
    ? h('p', { class: 'types' }, h('span', { class: 'label-muted' }, 'Top call types '),
      alert.topTypes.slice(0, 4).map((t, i) => [i ? ' · ' : '', `${t.type} `, h('span', { class: 'num' }, String(t.count))]))
    : null,
  handled ? h('p', { class: 'handled', 'data-testid': 'alert-status', 'data-shared': statusLine(local) ? null : 'true' }, handled) : null,
  local.error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'alert-error' }, local.error) : null,
  h('div', { class: 'actions' },
    canAct && !closed
      ? [
        actionButton('ack', local, handlers, id, key, local.acked ? 'Acknowledged ✓' : 'Acknowledge', !!local.acked || !!local.dismissed),
        actionButton('assign', local, handlers, id, key, local.assigned ? 'Reassign…' : 'Assign…', !!local.dismissed),
        actionButton('dismiss', local, handlers, id, key, local.dismissed ? 'Dismissed' : 'Dismiss…', !!local.dismissed),
      ]
      : null,
    canAct
      ? h('button', {
        type: 'button', class: 'btn tiny ghost', 'data-focus-key': key('timeline'), 'data-testid': 'alert-timeline',
        'aria-label': `Timeline of the alert in ${alert.district || 'unknown district'}`,
        onclick: () => handlers.onTimeline(id),
      }, 'Timeline')
      : null,
    h('button', {
      type: 'button', class: 'btn tiny ghost', 'data-focus-key': key('cell'), 'data-testid': 'alert-cell-detail',
      onclick: () => handlers.onCellDetail(alert.zone || alert.cells[0]),
      disabled: !(alert.zone || alert.cells[0]),
    }, 'Cell detail'),
    h('span', { class: 'meta' }, [
      `${alert.cells.length || 1} cell${alert.cells.length > 1 ? 's' : ''}`,
      alert.modelVersion ? `model ${alert.modelVersion}` : null,
      history && alert.approximate ? `open then; figures as of ${formatTime(alert.eventMs, now)}, the earliest this console knows` : null,
      history && !alert.approximate ? 'as of the chosen time' : null,
    ].filter(Boolean).join(' · '))));
}

function actionButton(action, local, handlers, id, key, label, disabled) {
  const pending = local.pending === action;
  return h('button', {
    type: 'button',
    class: `btn small ${action === 'ack' ? 'primary' : ''} ${action === 'dismiss' ? 'danger-ghost' : ''}`,
    'data-testid': `alert-${action}`,
    'data-focus-key': key(action),
    'aria-busy': pending ? 'true' : null,
    disabled: disabled || !!local.pending,
    onclick: () => handlers.onAction(id, action),
  }, pending ? `${label.replace(/…$/, '')}…` : label);
}

function fact(label, value, cls) {
  return h('div', { class: cls ? `fact ${cls}` : 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

/** The latest action another console (or this one, earlier) recorded at the gateway. */
function sharedLine(action) {
  if (!action) return '';
  const at = formatTime(toMillis(action.at));
  const by = action.by ? ` by ${action.by}` : '';
  if (action.action === 'ack') return `${ACTION_DONE.ack} ${at}${by}`;
  if (action.action === 'assign') return `${ACTION_DONE.assign} to ${action.assignee} ${at}${by}`;
  if (action.action === 'dismiss') return `${ACTION_DONE.dismiss} ${at}${by}${action.note ? ` (${action.note})` : ''}`;
  return '';
}

function statusLine(local) {
  const parts = [];
  if (local.acked) parts.push(`${ACTION_DONE.ack} ${formatTime(local.acked.at)}${local.acked.by ? ` by ${local.acked.by}` : ''}`);
  if (local.assigned) parts.push(`${ACTION_DONE.assign} to ${local.assigned.assignee} ${formatTime(local.assigned.at)}`);
  if (local.dismissed) parts.push(`${ACTION_DONE.dismiss} ${formatTime(local.dismissed.at)}${local.dismissed.note ? ` (${local.dismissed.note})` : ''}`);
  return parts.join(' · ');
}
