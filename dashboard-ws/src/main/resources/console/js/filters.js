// The supervisor's filters (signal, minimum severity, call-type group, time window) and the URL
// that holds them with the districts and the map window, so a view can be shared as a link.
import { alertLevel, levelRank, level } from './severity.js';

export const SIGNALS = {
  all: 'Calls and tips',
  cfs: 'Calls only',
  tips: 'Tips only',
  both: 'Calls with tips',
};

export const SEVERITIES = { all: 'Any severity', watch: 'Watch and above', elevated: 'Elevated and above', high: 'High only' };

/** Alerts whose event is within this many minutes of now; "all" keeps every alert. */
export const SINCE = { all: null, '1h': 60, '3h': 180, '8h': 480, '24h': 1440 };

/** Call-type groups by the words agencies use in their type names (any top type counts). */
export const TYPE_GROUPS = {
  all: { label: 'All call types', pattern: null },
  violence: { label: 'Violence and weapons', pattern: /assault|batter|fight|shoot|shot|stab|weapon|gun|robber|homicide|violen|threat/i },
  property: { label: 'Property', pattern: /burglar|theft|steal|stolen|larceny|vandal|shoplift|vehicle break|damage|trespass/i },
  disorder: { label: 'Disorder and noise', pattern: /disturb|noise|disorder|fireworks|party|loiter|drunk|intox|suspicious/i },
  drugs: { label: 'Drugs', pattern: /drug|narcot|overdose|dealing|marijuana/i },
  traffic: { label: 'Traffic', pattern: /traffic|crash|collision|accident|vehicle|dwi|dui|hit and run|speed/i },
};

export const DEFAULT_FILTERS = Object.freeze({ signal: 'all', severity: 'all', types: 'all', since: 'all' });

/** The filters a URL names; unknown values fall back to the defaults. */
export function readFilters(params) {
  const pick = (name, allowed) => (Object.hasOwn(allowed, params.get(name)) ? params.get(name) : DEFAULT_FILTERS[name]);
  return { signal: pick('signal', SIGNALS), severity: pick('severity', SEVERITIES), types: pick('types', TYPE_GROUPS), since: pick('since', SINCE) };
}

/**
 * The query string of a view: the filters that differ from the defaults, the districts shown
 * (null = all) and the map window; other parameters (demo, mode, cycle) are kept.
 */
export function writeFilters(params, filters, districts, windowMin) {
  const out = new URLSearchParams(params);
  for (const [k, v] of Object.entries(filters)) {
    if (v === DEFAULT_FILTERS[k]) out.delete(k);
    else out.set(k, v);
  }
  if (districts) out.set('districts', [...districts].sort().join(','));
  else out.delete('districts');
  if (windowMin) out.set('window', String(windowMin));
  else out.delete('window');
  return out;
}

/** The districts a URL names, or null for all. */
export function readDistricts(params) {
  const v = params.get('districts');
  return v === null ? null : new Set(v.split(',').map((d) => d.trim()).filter(Boolean));
}

export function isFiltered(filters) {
  return Object.entries(filters).some(([k, v]) => v !== DEFAULT_FILTERS[k]);
}

/** Whether an alert passes the filters at time `now` (epoch ms). */
export function alertPasses(alert, filters, now) {
  if (filters.signal !== 'all' && alert.signal !== filters.signal) return false;
  if (filters.severity !== 'all' && levelRank(alertLevel(alert)) < levelRank(level(filters.severity))) return false;
  const group = TYPE_GROUPS[filters.types];
  if (group && group.pattern && !(alert.topTypes || []).some((t) => group.pattern.test(t.type || ''))) return false;
  const minutes = SINCE[filters.since];
  if (minutes) {
    const t = alert.eventMs ?? alert.emittedMs ?? alert.openedMs;
    if (!t || t < now - minutes * 60000) return false;
  }
  return true;
}
