// The public transparency page: map of delayed activity by hexagon with a date range, the same
// figures as a table, district trends with 95% ranges, patrol minutes, methodology, downloads.
import { loadLanguages, pickLanguage, setLanguage, applyTexts, t, number, date, languageSelect } from './i18n.js';
import { COLOURS, el, projection, pathOf, breaks, classOf } from './hexmap.js';

const W = 640, H = 480;
const state = { data: null, patrols: null, impact: null, from: null, to: null, focus: -1, shown: [] };

function $(id) { return document.getElementById(id); }

function values() {
  const m = state.data?.metadata ?? {};
  return {
    publisher: m.publisher ?? '', k: m.minCount ?? 5, delay: m.delayMinutes ?? 60,
    res: m.resolution ?? 8, licence: m.licence?.name ?? '',
  };
}

function td(text, attrs = {}) {
  const c = document.createElement('td');
  c.textContent = text;
  for (const [k, v] of Object.entries(attrs)) c.setAttribute(k, v);
  return c;
}

function th(text, scope = 'col') {
  const c = document.createElement('th');
  c.textContent = text;
  c.scope = scope;
  return c;
}

function row(cells) {
  const r = document.createElement('tr');
  r.append(...cells);
  return r;
}

/** Published counts per cell summed over the chosen days (only figures the gateway published). */
function totals() {
  const out = new Map();
  for (const d of state.data.days) {
    if (d.date < state.from || d.date > state.to) continue;
    for (const [cell, n] of Object.entries(d.cells)) out.set(cell, (out.get(cell) ?? 0) + n);
  }
  return out;
}

function renderHeader() {
  const m = state.data.metadata;
  $('updated').textContent = m.from
    ? t('page.updated', { to: date(m.to), zone: m.zone, generated: new Date(m.generatedAt).toLocaleString(document.documentElement.lang) })
    : t('page.starting');
}

function renderMap() {
  const svg = $('map');
  const cells = state.data.cells;
  const proj = projection(Object.values(cells).map(c => c.ring), W, H);
  const sums = totals();
  const br = breaks([...sums.values()]);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const label = t('map.label', { from: date(state.from), to: date(state.to) });
  svg.setAttribute('aria-label', label);
  const base = el('g', { class: 'hex-base' });
  const filled = el('g', { class: 'hex-filled' });
  state.shown = [];
  if (proj) {
    for (const [cell, c] of Object.entries(cells)) {
      const n = sums.get(cell);
      const p = el('path', { d: pathOf(c.ring, proj), 'data-cell': cell });
      if (n) {
        p.setAttribute('fill', COLOURS[classOf(n, br)]);
        p.setAttribute('data-count', n);
        p.setAttribute('data-testid', 'map-hex');
        const title = el('title');
        title.textContent = t('map.focus', { cell, district: c.district, count: number(n) });
        p.append(title);
        filled.append(p);
        state.shown.push({ cell, n, district: c.district, lat: c.lat, lon: c.lon, path: p });
      } else {
        p.setAttribute('fill', '#ffffff');
        base.append(p);
      }
    }
  }
  svg.append(base, filled);
  // keyboard order: west to east, then north to south
  state.shown.sort((a, b) => b.lat - a.lat || a.lon - b.lon);
  state.focus = -1;
  $('map-focus').textContent = '';
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  $('map-period').textContent = t('map.period', {
    from: date(state.from), to: date(state.to), total: number(total), cells: number(sums.size),
  });
  renderLegend(br, [...sums.values()]);
  renderMapTable(sums);
}

function renderLegend(br, vals) {
  const legend = $('legend');
  legend.replaceChildren();
  const title = document.createElement('p');
  title.className = 'legend-title';
  title.textContent = t('map.legend');
  const list = document.createElement('ul');
  if (vals.length) {
    const max = Math.max(...vals);
    const edges = [Math.min(...vals), ...br];
    const first = COLOURS.length - 1 - br.length;
    edges.forEach((lo, i) => {
      const hi = i + 1 < edges.length ? edges[i + 1] - 1 : max;
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = COLOURS[first + i];
      sw.setAttribute('aria-hidden', 'true');
      li.append(sw, document.createTextNode(lo >= hi ? number(lo) : `${number(lo)} – ${number(hi)}`));
      list.append(li);
    });
  }
  legend.append(title, list);
}

function renderMapTable(sums) {
  const table = $('map-table');
  const caption = document.createElement('caption');
  caption.textContent = t('map.table.caption', { from: date(state.from), to: date(state.to) });
  const head = document.createElement('thead');
  head.append(row([th(t('map.col.district')), th(t('map.col.cell')), th(t('map.col.centre')), th(t('map.col.count'))]));
  const body = document.createElement('tbody');
  const rows = [...sums.entries()]
    .map(([cell, n]) => ({ cell, n, ...state.data.cells[cell] }))
    .sort((a, b) => a.district.localeCompare(b.district) || a.cell.localeCompare(b.cell));
  for (const r of rows) {
    const name = th(r.district, 'row');
    body.append(row([name, td(r.cell), td(`${number(r.lat, 4)}, ${number(r.lon, 4)}`), td(number(r.n), { 'data-testid': 'map-row-count' })]));
  }
  if (!rows.length) body.append(row([td(t('map.none'), { colspan: '4' })]));
  table.replaceChildren(caption, head, body);
}

function moveFocus(step) {
  if (!state.shown.length) return;
  if (state.focus >= 0) state.shown[state.focus].path.classList.remove('focused');
  state.focus = (state.focus + step + state.shown.length) % state.shown.length;
  const s = state.shown[state.focus];
  s.path.classList.add('focused');
  s.path.parentNode.append(s.path); // on top, so its outline shows whole
  $('map-focus').textContent = t('map.focus', { cell: s.cell, district: s.district, count: number(s.n) });
}

function pct(ratio) {
  const p = (ratio - 1) * 100;
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${number(Math.abs(p))} %`;
}

function renderTrends() {
  const tr = state.data.trends;
  const w = tr.windows;
  $('trends-intro').textContent = w
    ? t('trends.intro', {
      recentDays: w.recentDays, baselineDays: w.baselineDays,
      recentFrom: date(w.recentFrom), recentTo: date(w.recentTo),
      baselineFrom: date(w.baselineFrom), baselineTo: date(w.baselineTo),
    })
    : t('trends.none');
  const table = $('trend-table');
  const caption = document.createElement('caption');
  caption.textContent = t('trends.caption');
  const head = document.createElement('thead');
  head.append(row(['trends.col.district', 'trends.col.recent', 'trends.col.expected', 'trends.col.change', 'trends.col.range', 'trends.col.reading'].map(k => th(t(k)))));
  const body = document.createElement('tbody');
  for (const d of tr.districts) {
    const has = d.ratio != null;
    const r = row([
      th(d.district, 'row'),
      td(number(d.recent)),
      td(number(d.expected, 1)),
      td(has ? pct(d.ratio) : '–'),
      td(has ? `${pct(d.low)} … ${pct(d.high)}` : '–'),
      td(t(`trends.${d.verdict}`), { 'data-testid': 'trend-verdict' }),
    ]);
    r.dataset.testid = 'trend-row';
    r.dataset.district = d.district;
    body.append(r);
  }
  table.replaceChildren(caption, head, body);
  renderTrendChart(tr.districts.filter(d => d.ratio != null));
}

/** Point and 95% range per district on a log scale around 1 (no change). */
function renderTrendChart(list) {
  const svg = $('trend-chart');
  svg.replaceChildren();
  const rowH = 28, left = 120, right = 24, width = 560;
  const height = Math.max(60, list.length * rowH + 40);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (!list.length) return;
  const lo = Math.min(0.5, ...list.map(d => d.low)), hi = Math.max(2, ...list.map(d => d.high));
  const x = v => left + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (width - left - right);
  svg.append(el('line', { x1: x(1), x2: x(1), y1: 8, y2: height - 24, class: 'ref' }));
  for (const tick of [0.5, 1, 2].filter(v => v >= lo && v <= hi)) {
    const label = el('text', { x: x(tick), y: height - 6, 'text-anchor': 'middle', class: 'tick' });
    label.textContent = `×${number(tick, tick === 1 ? 0 : 1)}`;
    svg.append(label);
  }
  list.forEach((d, i) => {
    const y = 20 + i * rowH;
    const name = el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'name' });
    name.textContent = d.district;
    svg.append(name,
      el('line', { x1: x(d.low), x2: x(d.high), y1: y, y2: y, class: 'range' }),
      el('circle', { cx: x(d.ratio), cy: y, r: 5, class: `point ${d.verdict}` }));
  });
}

function renderPatrols() {
  const p = state.patrols;
  const m = p?.metadata ?? {};
  $('patrols-intro').textContent = t('patrols.intro', {
    days: (p?.days ?? []).length, round: m.roundMinutes ?? 5, k: m.minVisits ?? values().k,
  });
  const days = p?.days ?? [];
  const districts = [...new Set(days.flatMap(d => Object.keys(d.districts)))].sort();
  const table = $('patrol-table');
  const caption = document.createElement('caption');
  caption.textContent = t('patrols.caption');
  const head = document.createElement('thead');
  head.append(row([th(t('patrols.col.district')), ...days.map(d => th(date(d.date))), th(t('patrols.col.total')), th(t('patrols.col.visits'))]));
  const body = document.createElement('tbody');
  for (const name of districts) {
    let total = 0, visits = 0;
    const cells = days.map(d => {
      const v = d.districts[name];
      if (v) { total += v.minutes; visits += v.visits; }
      return td(v ? number(v.minutes) : '–');
    });
    const r = row([th(name, 'row'), ...cells, td(number(total)), td(number(visits))]);
    r.dataset.testid = 'patrol-row';
    body.append(r);
  }
  if (!districts.length) body.append(row([td(t('patrols.none'), { colspan: String(days.length + 3) })]));
  table.replaceChildren(caption, head, body);
}

function renderImpact() {
  const box = $('impact-body');
  const i = state.impact;
  box.replaceChildren();
  const p = (key, v) => { const e = document.createElement('p'); e.textContent = t(key, v); box.append(e); return e; };
  if (!i || typeof i.estimate !== 'number') { p('impact.none'); return; }
  const f = v => number(v, 2);
  const ci = Array.isArray(i.ci95) ? i.ci95 : [NaN, NaN];
  p('impact.estimate', { estimate: f(i.estimate), low: f(ci[0]), high: f(ci[1]) }).dataset.testid = 'impact-estimate';
  if (typeof i.wdq === 'number') p('impact.wdq', { wdq: f(i.wdq) });
  if (typeof i.planted === 'number') p('impact.planted', { planted: f(i.planted) });
  if (i.placebo === true) p('impact.placebo').dataset.testid = 'impact-placebo';
}

function renderDictionary() {
  const v = values();
  const table = $('dictionary-table');
  const caption = document.createElement('caption');
  caption.textContent = t('downloads.dictionary.caption');
  const head = document.createElement('thead');
  head.append(row([th(t('downloads.col.field')), th(t('downloads.col.meaning'))]));
  const body = document.createElement('tbody');
  for (const [f, k] of [['date', 'dict.date'], ['cell', 'dict.cell'], ['district', 'dict.district'], ['lat, lon', 'dict.latlon'], ['incidents', 'dict.incidents']]) {
    body.append(row([th(f, 'row'), td(t(k, v))]));
  }
  table.replaceChildren(caption, head, body);
  const lic = $('licence-link');
  lic.href = state.data.metadata.licence?.url ?? '#';
  lic.textContent = state.data.metadata.licence?.name ?? '';
}

function renderAll() {
  applyTexts(document, values());
  document.title = t('page.title');
  renderHeader();
  renderMap();
  renderTrends();
  renderPatrols();
  renderImpact();
  renderDictionary();
}

function setupRange() {
  const days = state.data.days.map(d => d.date);
  const from = $('from'), to = $('to');
  if (!days.length) { from.disabled = to.disabled = true; return; }
  const first = days[0], last = days[days.length - 1];
  for (const input of [from, to]) { input.min = first; input.max = last; }
  state.to = last;
  // four weeks by default, from the first day with figures at the earliest
  const firstWithData = state.data.days.findIndex(d => Object.keys(d.cells).length > 0);
  state.from = days[Math.max(0, firstWithData, days.length - 28)];
  from.value = state.from;
  to.value = state.to;
  const change = () => {
    let f = from.value || first, tt = to.value || last;
    if (f > tt) [f, tt] = [tt, f];
    state.from = f < first ? first : f;
    state.to = tt > last ? last : tt;
    renderMap();
  };
  from.addEventListener('change', change);
  to.addEventListener('change', change);
}

async function main() {
  const list = await loadLanguages();
  await setLanguage(pickLanguage(list));
  const [data, patrols, impact] = await Promise.all([
    fetch('/public/daily.json').then(r => r.json()),
    fetch('/public/patrol-minutes.json').then(r => (r.ok ? r.json() : null)).catch(() => null),
    fetch('/public/impact.json').then(r => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  state.data = data;
  state.patrols = patrols;
  state.impact = impact;
  setupRange();
  languageSelect($('lang'), list, () => renderAll());
  $('map').addEventListener('keydown', e => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step) { e.preventDefault(); moveFocus(step); }
  });
  renderAll();
  document.body.dataset.ready = 'true';
}

main();
