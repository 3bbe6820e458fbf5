// The anonymous tip form. It never asks the device for its location: the place is what the
// tipster picks on the map (the gateway keeps only the centre of its cell) or describes.
import { loadLanguages, pickLanguage, setLanguage, applyTexts, t, number, languageSelect } from './i18n.js';
import { el, projection, pathOf } from './hexmap.js';

const W = 640, H = 400;
const CATEGORIES = ['drugs', 'violence', 'weapons', 'property', 'disorder', 'traffic', 'other'];
/** Keyboard step of the picker, in degrees (about one block). */
const STEP = 0.003;
const state = { proj: null, point: null, sending: false };

function $(id) { return document.getElementById(id); }

function renderCategories() {
  const select = $('category');
  const chosen = select.value;
  const first = document.createElement('option');
  first.value = '';
  first.textContent = t('tip.choose');
  select.replaceChildren(first, ...CATEGORIES.map(c => {
    const o = document.createElement('option');
    o.value = c;
    o.textContent = t(`tip.cat.${c}`);
    return o;
  }));
  select.value = chosen;
}

function renderPicked() {
  const p = state.point;
  $('picked').textContent = p
    ? t('tip.picked', { lat: number(p[1], 3), lon: number(p[0], 3) })
    : t('tip.picked.none');
  const svg = $('pick-map');
  svg.querySelector('.marker')?.remove();
  if (p && state.proj) {
    const [x, y] = state.proj.toXY(p[0], p[1]);
    svg.append(el('circle', { cx: x, cy: y, r: 8, class: 'marker', 'data-testid': 'tip-marker' }));
  }
}

function renderAll() {
  applyTexts(document);
  document.title = t('tip.title');
  renderCategories();
  renderPicked();
}

async function drawMap() {
  const data = await fetch('/public/daily.json').then(r => r.json()).catch(() => null);
  const rings = Object.values(data?.cells ?? {}).map(c => c.ring);
  const svg = $('pick-map');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  state.proj = projection(rings, W, H, 24);
  if (!state.proj) return;
  const g = el('g', { class: 'hex-base' });
  for (const ring of rings) g.append(el('path', { d: pathOf(ring, state.proj), fill: '#eef2f6' }));
  svg.append(g);
}

function pickAt(evt) {
  if (!state.proj) return;
  const svg = $('pick-map');
  const pt = svg.createSVGPoint();
  pt.x = evt.clientX; pt.y = evt.clientY;
  const local = pt.matrixTransform(svg.getScreenCTM().inverse());
  state.point = state.proj.toLonLat(local.x, local.y);
  $('place-error').hidden = true;
  renderPicked();
}

function keys(evt) {
  if (!state.proj) return;
  const b = state.proj.bounds;
  const p = state.point ?? [(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2];
  const moves = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
  if (moves[evt.key]) {
    evt.preventDefault();
    state.point = [p[0] + moves[evt.key][0], p[1] + moves[evt.key][1]];
    renderPicked();
  } else if (evt.key === 'Enter' || evt.key === ' ') {
    evt.preventDefault();
    state.point = p;
    $('place-error').hidden = true;
    renderPicked();
  }
}

function showError(id, key) {
  const e = $(id);
  e.textContent = t(key);
  e.hidden = false;
}

async function submit(evt) {
  evt.preventDefault();
  if (state.sending) return;
  $('category-error').hidden = true;
  $('place-error').hidden = true;
  const category = $('category').value;
  if (!category) { showError('category-error', 'tip.error.category'); $('category').focus(); return; }
  if (!state.point) { showError('place-error', 'tip.error.place'); $('pick-map').focus(); return; }
  const body = {
    category,
    lat: state.point[1],
    lon: state.point[0],
    when: document.querySelector('input[name=when]:checked')?.value,
    text: $('text').value,
    place: $('place').value,
  };
  if ($('contact-opt-in').checked) { body.contactOptIn = true; body.contact = $('contact').value; }
  const button = document.querySelector('[data-testid=tip-submit]');
  state.sending = true;
  button.disabled = true;
  button.textContent = t('tip.sending');
  const result = $('tip-result');
  try {
    const r = await fetch('/public/tip', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const json = await r.json().catch(() => ({}));
    if (r.status === 202) {
      result.className = 'result ok';
      result.textContent = t('tip.thanks', { reference: json.reference });
      result.dataset.reference = json.reference;
      $('tip-form').reset();
      state.point = null;
      renderPicked();
      $('contact-wrap').hidden = true;
    } else {
      result.className = 'result bad';
      result.textContent = t(r.status === 429 ? 'tip.error.rate' : 'tip.error.other');
    }
  } catch (e) {
    result.className = 'result bad';
    result.textContent = t('tip.error.other');
  } finally {
    state.sending = false;
    button.disabled = false;
    button.textContent = t('tip.submit');
  }
}

async function main() {
  const list = await loadLanguages();
  await setLanguage(pickLanguage(list));
  languageSelect($('lang'), list, () => renderAll());
  renderAll();
  await drawMap();
  renderPicked();
  const svg = $('pick-map');
  svg.addEventListener('click', pickAt);
  svg.addEventListener('keydown', keys);
  $('contact-opt-in').addEventListener('change', e => {
    $('contact-wrap').hidden = !e.target.checked;
    if (!e.target.checked) $('contact').value = '';
  });
  $('tip-form').addEventListener('submit', submit);
  document.body.dataset.ready = 'true';
}

main();
