// Audible cues made with WebAudio (no sound files): a distinct two-tone for high-severity alerts, a
// soft chime for patrol suggestions and dwell ends. Each kind has its own mute, kept in localStorage.
import { storage } from './util.js';

const prefs = storage('local');
const MUTE_KEYS = { alert: 'beatwatch.mute.alerts', suggestion: 'beatwatch.mute.suggestions' };
/** Cues closer together than this collapse into one, so a burst of replayed alerts beeps once. */
const MIN_GAP_MS = 2500;

const PATTERNS = {
  // Two rising pairs: urgent but not shrill.
  alert: [[660, 0, 0.16], [880, 0.2, 0.22], [660, 0.55, 0.16], [880, 0.75, 0.22]],
  suggestion: [[523, 0, 0.18], [784, 0.2, 0.3]],
  dwell: [[784, 0, 0.2], [523, 0.25, 0.3]],
};

/** Plays cues; the AudioContext is created on the first user gesture, as browsers require. */
export class Cues extends EventTarget {
  constructor() {
    super();
    this.ctx = null;
    this.lastPlayed = {};
    this.played = { alert: 0, suggestion: 0, dwell: 0 };
    const unlock = () => this.unlock();
    window.addEventListener('pointerdown', unlock, { capture: true });
    window.addEventListener('keydown', unlock, { capture: true });
  }

  unlock() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    if (!this.ctx) this.ctx = new Ctx();
    if (this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
  }

  isMuted(kind) {
    return prefs.get(MUTE_KEYS[kind === 'dwell' ? 'suggestion' : kind], false) === true;
  }

  setMuted(kind, muted) {
    prefs.set(MUTE_KEYS[kind], muted);
    this.dispatchEvent(new CustomEvent('mute', { detail: { kind, muted } }));
  }

  toggle(kind) {
    this.setMuted(kind, !this.isMuted(kind));
    return this.isMuted(kind);
  }

  /** Plays the cue of a kind ('alert' | 'suggestion' | 'dwell') unless muted or just played. */
  play(kind) {
    if (this.isMuted(kind)) return false;
    const now = Date.now();
    if (now - (this.lastPlayed[kind] || 0) < MIN_GAP_MS) return false;
    this.lastPlayed[kind] = now;
    this.played[kind] += 1;
    document.body.dataset.lastCue = `${kind}:${this.played[kind]}`;
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return true;
    const start = ctx.currentTime + 0.02;
    for (const [freq, offset, length] of PATTERNS[kind]) tone(ctx, freq, start + offset, length);
    return true;
  }
}

function tone(ctx, freq, at, length) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = freq;
  // Short attack and release: no clicks.
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015);
  gain.gain.setValueAtTime(0.25, at + length - 0.05);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + length + 0.02);
}
