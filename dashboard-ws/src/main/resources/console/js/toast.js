// Transient notices in a corner: action outcomes, gateway errors. Errors stay until closed or 12 s.
import { $, h } from './util.js';

const TIMEOUTS = { success: 4000, info: 6000, warning: 10000, error: 12000 };
const MAX_SHOWN = 5;

/** Shows a notice; kind is success | info | warning | error; timeoutMs 0 keeps it until closed. */
export function toast(text, kind = 'info', { timeoutMs } = {}) {
  const box = $('toasts');
  const el = h('div', {
    class: `toast toast-${kind}`,
    role: kind === 'error' || kind === 'warning' ? 'alert' : 'status',
    'data-testid': 'toast',
    'data-kind': kind,
  },
  h('span', { class: 'toast-text' }, text),
  h('button', { type: 'button', class: 'btn tiny ghost', 'aria-label': 'Close notice', onclick: () => el.remove() }, '✕'));
  box.append(el);
  while (box.children.length > MAX_SHOWN) box.firstElementChild.remove();
  const ms = timeoutMs ?? TIMEOUTS[kind] ?? 6000;
  if (ms > 0) setTimeout(() => el.remove(), ms);
  return el;
}
