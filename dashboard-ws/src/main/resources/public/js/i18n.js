// Texts of the public pages: one JSON file per language under ../i18n/, listed in
// languages.json, so an agency adds a language by adding a file and a line.
const STORE = 'beatwatch.public.lang';
let texts = {};
let lang = 'en';

export async function loadLanguages() {
  const r = await fetch('/public/i18n/languages.json');
  return r.json();
}

/** The language to show: ?lang=, then the last choice, then the browser's, then the default. */
export function pickLanguage(list) {
  const codes = list.languages.map(l => l.code);
  const asked = new URLSearchParams(location.search).get('lang');
  let stored = null;
  try { stored = localStorage.getItem(STORE); } catch (e) { /* private mode */ }
  const browser = (navigator.language || '').slice(0, 2);
  for (const c of [asked, stored, browser]) if (c && codes.includes(c)) return c;
  return list.default;
}

export async function setLanguage(code) {
  const r = await fetch(`/public/i18n/${encodeURIComponent(code)}.json`);
  texts = await r.json();
  lang = code;
  document.documentElement.lang = code;
  try { localStorage.setItem(STORE, code); } catch (e) { /* private mode */ }
  const url = new URL(location.href);
  url.searchParams.set('lang', code);
  history.replaceState(null, '', url);
}

export function currentLanguage() { return lang; }

/** The text for a key with {name} placeholders filled in (the key itself if missing). */
export function t(key, values = {}) {
  const s = texts[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
}

/** Fills every [data-i18n] element's text and [data-i18n-attr="attr:key;..."] attributes. */
export function applyTexts(root = document, values = {}) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n, values); });
  root.querySelectorAll('[data-i18n-attr]').forEach(el => {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key, values));
    }
  });
}

export function number(n, digits = 0) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export function date(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** Builds the language switcher in a <select>; calls onChange(code) after the texts loaded. */
export function languageSelect(select, list, onChange) {
  select.replaceChildren(...list.languages.map(l => {
    const o = document.createElement('option');
    o.value = l.code;
    o.textContent = l.name;
    o.lang = l.code;
    return o;
  }));
  select.value = lang;
  select.addEventListener('change', async () => {
    await setLanguage(select.value);
    onChange(select.value);
  });
}
