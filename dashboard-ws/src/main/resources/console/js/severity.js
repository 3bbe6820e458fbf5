// Severity: how rare an excess is (recurrence interval, in days between false alarms city-wide),
// mapped to four levels, colours and the rule for the audible cue. One place, used by map and list.

/** Thresholds of the cue; the gateway may override them through GET /api/config (alertCue). */
export const cueRule = {
  // An alert this rare always sounds.
  minRecurrenceDays: 365,
  // An intensifying alert sounds from this rarity on.
  intensifyingMinDays: 100,
};

export function configureCue(config) {
  const cue = config && config.alertCue;
  if (!cue) return;
  if (Number.isFinite(cue.minRecurrenceDays)) cueRule.minRecurrenceDays = cue.minRecurrenceDays;
  if (Number.isFinite(cue.intensifyingMinDays)) cueRule.intensifyingMinDays = cue.intensifyingMinDays;
}

/** Levels, most severe first. `min` is the recurrence interval (days) from which a level applies. */
export const LEVELS = [
  { id: 'high', label: 'High', min: 365, color: '#ff5d5d', legend: '≥ 365 days' },
  { id: 'elevated', label: 'Elevated', min: 100, color: '#ff9a3c', legend: '100 – 364 days' },
  { id: 'watch', label: 'Watch', min: 30, color: '#f2cf4a', legend: '30 – 99 days' },
  { id: 'info', label: 'Info', min: 0, color: '#6aaef0', legend: '< 30 days' },
];

const BY_ID = Object.fromEntries(LEVELS.map((l) => [l.id, l]));
export const level = (id) => BY_ID[id];

/** The severity level of an alert: by recurrence interval, lifted to high when it intensifies. */
export function alertLevel(alert) {
  if (isHighSeverity(alert)) return BY_ID.high;
  return levelForDays(alert.recurrenceIntervalDays);
}

export function levelForDays(days) {
  const d = Number.isFinite(days) ? days : 0;
  return LEVELS.find((l) => d >= l.min) || BY_ID.info;
}

/** True for the alerts that deserve a sound: very rare, or intensifying and rare enough. */
export function isHighSeverity(alert) {
  if (!alert || alert.state === 'closed') return false;
  const days = Number.isFinite(alert.recurrenceIntervalDays) ? alert.recurrenceIntervalDays : 0;
  if (days >= cueRule.minRecurrenceDays) return true;
  return alert.category === 'intensifying' && days >= cueRule.intensifyingMinDays;
}

export function levelRank(l) {
  return LEVELS.length - LEVELS.indexOf(l);
}

/**
 * Leaflet path style of one map cell: colour by recurrence interval; cells below the first
 * level fade with their score so background noise stays quiet.
 */
export function cellStyle(cell, { highlighted = false } = {}) {
  const l = levelForDays(cell.recurrenceIntervalDays);
  const score = Number.isFinite(cell.score) ? cell.score : 0;
  const quiet = l.id === 'info';
  const fillOpacity = quiet ? Math.min(0.45, 0.12 + score / 20) : l.id === 'watch' ? 0.5 : 0.62;
  return {
    color: highlighted ? '#ffffff' : l.color,
    weight: highlighted ? 2.5 : quiet ? 0.6 : 1,
    opacity: highlighted ? 1 : quiet ? 0.5 : 0.9,
    fillColor: l.color,
    fillOpacity,
  };
}

export const CATEGORY = {
  new: { label: 'New', icon: '●' },
  intensifying: { label: 'Intensifying', icon: '▲' },
  persistent: { label: 'Persistent', icon: '■' },
  diminishing: { label: 'Diminishing', icon: '▼' },
};
