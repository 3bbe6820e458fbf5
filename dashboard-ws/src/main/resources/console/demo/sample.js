// FIXTURE for ?demo=1 only: invented alerts, cell counts and patrol suggestions, shaped exactly like the
// gateway's wire messages (docs/protocol.md), with times relative to the moment the page loads.
import { SAMPLE_CELLS, SAMPLE_DISTRICTS, SAMPLE_HOT_CENTERS } from './sample-geo.js';

export { SAMPLE_DISTRICTS };

const MIN = 60000;
export const WINDOWS = [30, 60, 180];

/** A small deterministic random source, so the demo looks the same on every load. */
export function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The alerts of the fixture, one per hot centre: [category, recurrence days, observed, expected,
 * window minutes, signal, tips, opened minutes ago, last event minutes ago, top types].
 */
const ALERT_SPECS = [
  ['intensifying', 1240, 14, 2.1, 60, 'both', 2, 95, 3, [['Disturbance', 5], ['Assault In Progress', 3], ['Theft', 2], ['Suspicious Person', 2]]],
  ['new', 420, 9, 1.4, 30, 'cfs', 0, 12, 12, [['Burglary Vehicle', 4], ['Suspicious Vehicle', 3], ['Theft', 2]]],
  ['persistent', 160, 11, 3.2, 180, 'cfs', 0, 410, 25, [['Disturbance Loud Music', 6], ['Disturbance', 3], ['Threats', 2]]],
  ['intensifying', 130, 7, 1.5, 60, 'cfs', 0, 70, 8, [['Assault In Progress', 3], ['Disturbance Family', 2], ['Welfare Check', 2]]],
  ['new', 45, 5, 1.1, 60, 'cfs', 1, 38, 38, [['Theft', 3], ['Criminal Mischief', 2]]],
  ['diminishing', 38, 6, 2.0, 180, 'cfs', 0, 560, 44, [['Panhandler', 3], ['Disturbance', 2], ['Information', 1]]],
  ['new', 64, 4, 0.6, 60, 'tips', 4, 20, 20, [['Suspicious Person', 3], ['Drug activity (tip)', 4]]],
  ['persistent', 31, 5, 1.6, 180, 'cfs', 0, 880, 130, [['Suspicious Vehicle', 3], ['Abandoned Vehicle', 2]]],
];

export function alertId(centre, window, openedMs) {
  return `${centre.cell}-w${window}-${new Date(openedMs).toISOString().replace(/[-:]/g, '').slice(0, 13)}`;
}

/** The current revision of each fixture alert, plus earlier revisions for the ones that escalated. */
export function buildAlerts(now) {
  const alerts = [];
  ALERT_SPECS.forEach((spec, i) => {
    const [category, ri, observed, expected, window, signal, tips, openedAgo, eventAgo, types] = spec;
    const centre = SAMPLE_HOT_CENTERS[i];
    const openedMs = now - openedAgo * MIN;
    alerts.push({
      v: 1,
      alertId: alertId(centre, window, openedMs),
      state: openedAgo === eventAgo ? 'opened' : 'updated',
      category,
      zone: centre.cell,
      ring: centre.cells.length > 1 ? 1 : 0,
      cells: centre.cells,
      centroid: { lat: centre.lat, lon: centre.lon },
      district: centre.district,
      window: window * 60,
      observed,
      expected,
      score: Math.round((observed * Math.log(observed / expected) - (observed - expected)) * 10) / 10,
      recurrenceIntervalDays: ri,
      signal,
      confirmed: signal !== 'tips',
      topTypes: types.map(([type, count]) => ({ type, count })),
      tipCount: tips,
      openedAt: new Date(openedMs).toISOString(),
      eventTime: new Date(now - eventAgo * MIN).toISOString(),
      modelVersion: 'scan-1.0 (fixture)',
      emittedAt: new Date(now - eventAgo * MIN + 400).toISOString(),
    });
  });
  return alerts;
}

/** Cell states for every fixture cell and window; alert cells run hot, the rest is background noise. */
export function buildCells(alerts, random) {
  const byCell = new Map();
  for (const a of alerts) for (const c of a.cells) byCell.set(c, a);
  const cells = [];
  for (const geo of SAMPLE_CELLS) {
    const alert = byCell.get(geo.cell);
    for (const window of WINDOWS) {
      const scale = window / 60;
      let observed;
      let expected;
      let ri;
      if (alert) {
        const core = geo.cell === alert.zone;
        const share = core ? 0.45 : 0.12;
        observed = Math.max(1, Math.round(alert.observed * share * (alert.window / 3600 === scale ? 1 : 0.7 + random() * 0.3)));
        expected = Math.max(0.1, alert.expected * share * scale);
        ri = core ? alert.recurrenceIntervalDays * (alert.window / 3600 === scale ? 1 : 0.6) : alert.recurrenceIntervalDays * (0.1 + random() * 0.3);
      } else {
        expected = (0.2 + random() * 1.2) * scale;
        observed = Math.round(expected * (0.4 + random() * 1.6));
        ri = random() < 0.06 ? 30 + random() * 40 : random() * 12;
      }
      if (observed <= 0) continue;
      const score = observed > expected ? observed * Math.log(observed / expected) - (observed - expected) : 0;
      cells.push({
        cell: geo.cell,
        window,
        observed,
        expected: Math.round(expected * 100) / 100,
        score: Math.round(score * 100) / 100,
        recurrenceIntervalDays: Math.round(ri * 10) / 10,
        district: geo.district,
        lat: geo.lat,
        lon: geo.lon,
        boundary: geo.boundary,
      });
    }
  }
  return cells;
}

export function buildSuggestions(alerts, now) {
  const pick = (i) => alerts[i];
  const make = (i, n, dwell, validMin, reason, createdAgo) => {
    const a = pick(i);
    return {
      v: 1,
      suggestionId: `sg-${a.district.toLowerCase()}-${n}`,
      district: a.district,
      cell: a.zone,
      centroid: a.centroid,
      reason,
      alertId: a.alertId,
      dwellMinutes: dwell,
      createdAt: new Date(now - createdAgo * MIN).toISOString(),
      validUntil: new Date(now + validMin * MIN).toISOString(),
    };
  };
  return [
    make(0, 1, 15, 40, 'Intensifying alert: disturbances and assaults around the block, 14 calls in the last hour', 4),
    make(3, 1, 12, 25, 'Intensifying alert: family disturbances and assaults, 7 calls vs 1.5 expected', 9),
    make(2, 1, 10, 55, 'Persistent hotspot: loud music and disturbances through the evening', 22),
    make(1, 1, 12, 30, 'New alert: vehicle burglaries, 9 calls in 30 minutes', 2),
  ];
}
