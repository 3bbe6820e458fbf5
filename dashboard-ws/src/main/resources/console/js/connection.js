// The live link to the gateway: ticket, WebSocket, subscribe, liveness, reconnect with backoff.
//
// States (event 'state', detail {state, retryAt, attempt, reason}):
//   connecting -> open -> (closed) -> reconnecting (timer) -> connecting ...
//   offline     the browser reports no network; waits for 'online'
//   stopped     signed out, or the gateway refused the token
import { ApiError } from './api.js';

/** Backoff: 1 s doubling to 30 s, each delay drawn uniformly from [d/2, d] so consoles spread out. */
export const BACKOFF = { baseMs: 1000, maxMs: 30000 };
/** Close code the gateway uses for a console whose send queue stayed full: resume at once. */
export const CLOSE_RESUME = 4008;
/** Close codes after which reconnecting with the same token is pointless (4001: revoked). */
const CLOSE_AUTH = new Set([4001, 4401, 4403]);
const PING_EVERY_MS = 20000;
/**
 * A ping that nothing at all (not even a pong) has followed for this long means the link is dead even
 * if the socket says open. Measured from the ping, not between timer runs: background tabs run
 * timers late, and a late timer alone must not look like a dead link.
 */
const STALE_AFTER_MS = 45000;
/** A link that stayed up this long resets the backoff. */
const STABLE_AFTER_MS = 10000;

export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * One console's connection. `subscription()` returns {districts, lastId} at each (re)connect;
 * `onMessage(msg)` gets every parsed server frame.
 */
export class Connection extends EventTarget {
  constructor({ api, WebSocketImpl = window.WebSocket, subscription, onMessage, wsUrl = defaultWsUrl }) {
    super();
    this.api = api;
    this.WebSocketImpl = WebSocketImpl;
    this.subscription = subscription;
    this.onMessage = onMessage;
    this.wsUrl = wsUrl;
    this.ws = null;
    this.attempt = 0;
    this.state = 'stopped';
    this.timers = {};
    this.lastFrameAt = 0;
    this.onOnline = () => this.state === 'offline' && this.connect();
    this.onOffline = () => this.goOffline();
  }

  start() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.attempt = 0;
    this.connect();
  }

  stop(reason = 'signed out') {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.clearTimers();
    this.dropSocket(1000, reason);
    this.setState('stopped', { reason });
  }

  /** Skips the remaining backoff wait. */
  retryNow() {
    if (this.state === 'reconnecting' || this.state === 'offline') this.connect();
  }

  /** Sends a fresh subscribe on the open socket (e.g. after the district scope changed). */
  resubscribe() {
    if (this.state === 'open') this.send({ type: 'subscribe', ...this.subscriptionPayload() });
  }

  send(message) {
    if (this.ws && this.ws.readyState === 1) this.ws.send(JSON.stringify(message));
  }

  async connect() {
    this.clearTimers();
    this.dropSocket(1000, 'reconnecting');
    if (navigator.onLine === false) return this.goOffline();
    this.setState('connecting');
    const generation = (this.generation = (this.generation || 0) + 1);
    let ticket;
    try {
      const answer = await this.api.post('/api/ws-ticket', {});
      ticket = answer && answer.ticket;
      if (!ticket) throw new ApiError(500, 'bad_ticket', 'the gateway returned no ticket');
    } catch (e) {
      if (generation !== this.generation || this.state === 'stopped') return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        this.setState('stopped', { reason: e.describe(), auth: true });
        this.dispatchEvent(new CustomEvent('unauthorized', { detail: e }));
        return;
      }
      return this.scheduleReconnect(e instanceof ApiError ? e.describe() : String(e));
    }
    if (generation !== this.generation || this.state === 'stopped') return;
    this.open(ticket);
  }

  open(ticket) {
    let ws;
    try {
      ws = new this.WebSocketImpl(this.wsUrl(ticket));
    } catch (e) {
      return this.scheduleReconnect(`cannot open WebSocket: ${e.message}`);
    }
    this.ws = ws;
    ws.onopen = () => {
      if (ws !== this.ws) return;
      this.lastFrameAt = Date.now();
      this.unansweredSince = null;
      this.setState('open');
      this.send({ type: 'subscribe', ...this.subscriptionPayload() });
      this.timers.ping = setInterval(() => this.keepAlive(), PING_EVERY_MS);
      this.timers.stable = setTimeout(() => (this.attempt = 0), STABLE_AFTER_MS);
    };
    ws.onmessage = (event) => {
      if (ws !== this.ws) return;
      this.lastFrameAt = Date.now();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        this.dispatchEvent(new CustomEvent('protocol-error', { detail: 'unreadable frame from the gateway' }));
        return;
      }
      this.onMessage(message);
    };
    ws.onclose = (event) => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.clearTimers();
      if (this.state === 'stopped') return;
      if (event.code === CLOSE_RESUME) {
        // The gateway dropped us because we fell behind; come straight back with our lastId.
        this.dispatchEvent(new CustomEvent('resume', { detail: event }));
        return this.scheduleReconnect('resuming after the gateway closed a slow link', 200);
      }
      if (CLOSE_AUTH.has(event.code)) {
        const e = new ApiError(event.code === 4403 ? 403 : 401, event.code === 4001 ? 'revoked' : 'unauthorized', event.reason || 'session refused');
        this.setState('stopped', { reason: e.describe(), auth: true });
        this.dispatchEvent(new CustomEvent('unauthorized', { detail: e }));
        return;
      }
      this.scheduleReconnect(describeClose(event));
    };
    ws.onerror = () => {
      // Always followed by a close event, which decides what to do.
    };
  }

  keepAlive() {
    const now = Date.now();
    if (this.unansweredSince && this.lastFrameAt >= this.unansweredSince) this.unansweredSince = null;
    if (this.unansweredSince && now - this.unansweredSince > STALE_AFTER_MS) {
      // Half-open TCP: nothing arrives and nothing fails. Close and come back.
      const ws = this.ws;
      this.ws = null;
      if (ws) ws.close(4000, 'stale');
      this.clearTimers();
      this.scheduleReconnect(`no answer from the gateway for ${Math.round((now - this.unansweredSince) / 1000)} s`);
      return;
    }
    if (!this.unansweredSince) this.unansweredSince = now;
    this.send({ type: 'ping' });
  }

  scheduleReconnect(reason, fixedDelayMs) {
    if (this.state === 'stopped') return;
    if (navigator.onLine === false) return this.goOffline();
    const delay = fixedDelayMs ?? backoffDelay(this.attempt);
    this.attempt += 1;
    const retryAt = Date.now() + delay;
    this.clearTimers();
    this.timers.retry = setTimeout(() => this.connect(), delay);
    this.setState('reconnecting', { retryAt, reason, attempt: this.attempt });
  }

  goOffline() {
    this.clearTimers();
    this.dropSocket(1000, 'offline');
    this.setState('offline', { reason: 'the browser reports no network' });
  }

  subscriptionPayload() {
    const { districts, lastId } = this.subscription();
    return lastId ? { districts, lastId } : { districts };
  }

  dropSocket(code, reason) {
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= 1) {
      try {
        ws.close(code, reason);
      } catch {
        // Already closing.
      }
    }
  }

  clearTimers() {
    clearTimeout(this.timers.retry);
    clearTimeout(this.timers.stable);
    clearInterval(this.timers.ping);
    this.timers = {};
  }

  setState(state, detail = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, ...detail } }));
  }
}

function defaultWsUrl(ticket) {
  const url = new URL('/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = `ticket=${encodeURIComponent(ticket)}`;
  return url.toString();
}

function describeClose(event) {
  if (event.code === 1006) return 'connection lost';
  if (event.code === 1001) return 'gateway going away';
  if (event.code === 1008) return `refused by the gateway${event.reason ? `: ${event.reason}` : ''}`;
  return `closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
}
