// Small helpers shared by the console modules: DOM building, formatting, storage, ids.

/**
 * Builds an element: h('button', {class: 'btn', onclick: fn, dataset: {testid: 'x'}}, 'text').
 * Attributes whose value is null/undefined/false are skipped; children may be nested arrays.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendChildren(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (id) => document.getElementById(id);

/** Parses an ISO instant, epoch millis or epoch seconds (Jackson's default) into epoch millis. */
export function toMillis(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
  const n = Number(value);
  if (!Number.isNaN(n) && /^[\d.]+$/.test(String(value))) return toMillis(n);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/**
 * A window length in minutes. Strings are ISO-8601 durations ("PT1H") or plain numbers; numbers use
 * the given unit: alert windows are java.time.Duration (Jackson writes seconds), cell windows are minutes.
 */
export function windowMinutes(value, numericUnit = 'minutes') {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value);
    if (m) {
      return Math.round((+(m[1] || 0)) * 1440 + (+(m[2] || 0)) * 60 + (+(m[3] || 0)) + (+(m[4] || 0)) / 60);
    }
    const n = Number(value);
    return Number.isNaN(n) ? null : windowMinutes(n, numericUnit);
  }
  return numericUnit === 'seconds' ? Math.round(value / 60) : Math.round(value);
}

export function formatWindow(minutes) {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** "14:05" today, "Mar 3, 14:05" otherwise. */
export function formatTime(ms, now = Date.now()) {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  return new Date(now).toDateString() === d.toDateString() ? timeFmt.format(d) : dateTimeFmt.format(d);
}

/** "just now", "6 min ago", "2 h 10 min ago". */
export function formatAgo(ms, now = Date.now()) {
  if (ms === null || ms === undefined) return '';
  const minutes = Math.round((now - ms) / 60000);
  if (minutes < 1) return minutes < -1 ? `in ${formatSpan(-minutes)}` : 'just now';
  return `${formatSpan(minutes)} ago`;
}

export function formatSpan(minutes) {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** mm:ss for countdowns; negative values are shown as overtime (+mm:ss). */
export function formatClock(seconds) {
  const sign = seconds < 0 ? '+' : '';
  const s = Math.abs(Math.round(seconds));
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const intFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function formatNumber(value, decimals = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (decimals === 0) return intFmt.format(value);
  return decimals === 1 ? oneDecimal.format(value) : value.toFixed(decimals);
}

/** The recurrence interval as a supervisor reads it: "≈ once in 1,240 days (3.4 years)". */
export function formatRecurrence(days) {
  if (days === null || days === undefined || Number.isNaN(days)) return 'recurrence unknown';
  if (days < 1) return '≈ more than once a day';
  const rounded = days >= 10 ? intFmt.format(days) : oneDecimal.format(days);
  const text = `≈ once in ${rounded} day${rounded === '1.0' ? '' : 's'}`;
  return days >= 730 ? `${text} (${oneDecimal.format(days / 365)} years)` : text;
}

/** The recurrence interval for tables: "1,240 days". */
export function formatDays(days) {
  if (days === null || days === undefined || Number.isNaN(days)) return '—';
  if (days < 1) return '< 1 day';
  return `${days >= 10 ? intFmt.format(days) : oneDecimal.format(days)} days`;
}

/**
 * Compares two Redis stream ids ("<ms>-<seq>"); returns <0, 0, >0. Ids that do not parse compare
 * as equal, so a foreign id never makes the console skip messages.
 */
export function compareStreamIds(a, b) {
  const pa = parseStreamId(a);
  const pb = parseStreamId(b);
  if (!pa || !pb) return 0;
  if (pa[0] !== pb[0]) return pa[0] < pb[0] ? -1 : 1;
  if (pa[1] !== pb[1]) return pa[1] < pb[1] ? -1 : 1;
  return 0;
}

function parseStreamId(id) {
  const m = /^(\d+)-(\d+)$/.exec(id || '');
  return m ? [BigInt(m[1]), BigInt(m[2])] : null;
}

/** Reads the claims of a JWT without verifying it (the gateway verifies; the console only displays). */
export function decodeJwt(token) {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(decodeURIComponent(escape(json)));
  } catch {
    return null;
  }
}

/** JSON in Web Storage that never throws (private mode, quota, corrupt values). */
export function storage(area) {
  const store = area === 'local' ? window.localStorage : window.sessionStorage;
  return {
    get(key, fallback = null) {
      try {
        const raw = store.getItem(key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch {
        return fallback;
      }
    },
    set(key, value) {
      try {
        if (value === null || value === undefined) store.removeItem(key);
        else store.setItem(key, JSON.stringify(value));
      } catch {
        // Quota or privacy mode: the console keeps working, it only forgets across reloads.
      }
    },
  };
}

export function isTypingTarget(el) {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/**
 * Runs fn at most once per animation frame, however often it is asked. Hidden tabs get no frames,
 * so there a short timer stands in (the tab title still counts new alerts).
 */
export function frameThrottle(fn) {
  let queued = false;
  const run = () => {
    queued = false;
    fn();
  };
  return () => {
    if (queued) return;
    queued = true;
    if (document.hidden) setTimeout(run, 250);
    else requestAnimationFrame(run);
  };
}
