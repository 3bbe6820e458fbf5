// Keyboard shortcuts (see the help dialog, "?"). Ignored while typing in a field or with a modifier.
import { isTypingTarget } from './util.js';

const KEYMAP = {
  j: 'next', ArrowDown: 'next',
  k: 'prev', ArrowUp: 'prev',
  Enter: 'open',
  a: 'ack', s: 'assign', x: 'dismiss',
  t: 'timeline', p: 'patrol', d: 'districts',
  '[': 'back', ']': 'forward', l: 'live',
  f: 'fit',
  m: 'muteAlerts', n: 'muteSuggestions',
  '?': 'help',
  Escape: 'escape',
};

/** Arrow keys and Enter act on the alert list only when focus is in it (elsewhere they scroll, pan, press). */
const LIST_ONLY = new Set(['ArrowDown', 'ArrowUp', 'Enter']);

export function installShortcuts(actions) {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (document.body.classList.contains('signed-out')) return;
    if (document.querySelector('dialog[open]')) return;
    const target = e.target;
    if (isTypingTarget(target) && e.key !== 'Escape') return;
    const name = KEYMAP[e.key];
    if (!name) return;
    if (LIST_ONLY.has(e.key) && !(target.closest && target.closest('#alert-list'))) return;
    if (e.key === 'Enter' && target.closest('.actions')) return;
    e.preventDefault();
    actions[name]();
  });
}
