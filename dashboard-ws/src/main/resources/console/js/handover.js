// The shift handover page (/handover?from=&to=): asks the gateway for the report of the signed-in
// supervisor's districts and shows it; the same document downloads as HTML or prints to PDF.
// From and to are local times of the city (the gateway reads them in its zone).
import { ApiError } from './api.js';
import { $, storage } from './util.js';

const session = storage('session');
const params = new URLSearchParams(window.location.search);
let lastDocument = null;

/** A local date-time for <input type=datetime-local> from epoch millis. */
function localInput(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

function message(text) {
  $('handover-message').textContent = text;
}

async function show() {
  const from = $('shift-from').value;
  const to = $('shift-to').value;
  const query = new URLSearchParams({ from, to });
  history.replaceState(null, '', `?${query}`);
  if (!session.get('beatwatch.token')) {
    message('Sign in on the console first: the handover is for supervisors.');
    return;
  }
  message('Loading the handover…');
  try {
    const res = await fetch(`/api/handover?${query}&format=html`, {
      headers: { Authorization: `Bearer ${session.get('beatwatch.token')}` },
    });
    const text = await res.text();
    if (!res.ok) {
      let body = {};
      try { body = JSON.parse(text); } catch { /* not JSON */ }
      throw new ApiError(res.status, body.error || 'error', body.detail || text);
    }
    lastDocument = text;
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const style = document.createElement('style');
    style.textContent = doc.querySelector('style').textContent;
    document.head.querySelector('style[data-report]')?.remove();
    style.dataset.report = 'true';
    document.head.append(style);
    $('handover-content').replaceChildren(document.importNode(doc.querySelector('main'), true));
    document.title = doc.title;
    $('handover-download').disabled = false;
    $('handover-print').disabled = false;
    message('');
    document.body.dataset.loaded = 'true';
  } catch (e) {
    message(`Handover unavailable: ${e instanceof ApiError ? e.describe() : e}`);
  }
}

function download() {
  if (!lastDocument) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([lastDocument], { type: 'text/html' }));
  a.download = `handover-${$('shift-from').value.replace(/[:T]/g, '')}-${$('shift-to').value.replace(/[:T]/g, '')}.html`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const now = Date.now();
$('shift-to').value = params.get('to') || localInput(now);
$('shift-from').value = params.get('from') || localInput(now - 8 * 3600 * 1000);
$('shift-form').addEventListener('submit', (e) => {
  e.preventDefault();
  show();
});
$('handover-download').addEventListener('click', download);
$('handover-print').addEventListener('click', () => window.print());
show();
