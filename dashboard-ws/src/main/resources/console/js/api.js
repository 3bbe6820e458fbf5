// REST client for the gateway: bearer token, JSON in and out, errors as ApiError {status, error, detail}.

/** A failed call: HTTP status (0 = network), the gateway's error code and its detail. */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail ? `${error}: ${detail}` : error);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  /** One line for a person: "Forbidden (403): district EAST is outside your scope". */
  describe() {
    const what = this.status === 0 ? 'Gateway unreachable' : `${titleCase(this.error)} (${this.status})`;
    return this.detail ? `${what}: ${this.detail}` : what;
  }
}

function titleCase(s) {
  const text = String(s || 'error').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const STATUS_NAMES = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
  405: 'method_not_allowed', 413: 'payload_too_large', 429: 'too_many_requests',
  500: 'internal_error', 502: 'bad_gateway', 503: 'unavailable', 504: 'gateway_timeout',
};

/**
 * Calls the gateway. `fetchImpl` is window.fetch, or the demo's fake; `onUnauthorized` runs when a
 * call with a token comes back 401, so the console can send the user back to sign-in.
 */
export class Api {
  constructor({ fetchImpl = window.fetch.bind(window), getToken = () => null, onUnauthorized = () => {} } = {}) {
    this.fetchImpl = fetchImpl;
    this.getToken = getToken;
    this.onUnauthorized = onUnauthorized;
  }

  get(path, opts) {
    return this.request('GET', path, undefined, opts);
  }

  post(path, body, opts) {
    return this.request('POST', path, body === undefined ? {} : body, opts);
  }

  /** Resolves to the parsed JSON body (or null when empty); rejects with ApiError. */
  async request(method, path, body, { auth = true, timeoutMs = 15000 } = {}) {
    const headers = { Accept: 'application/json' };
    const token = auth ? this.getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (e) {
      const detail = e && e.name === 'AbortError' ? `no answer within ${timeoutMs / 1000} s` : 'network error';
      throw new ApiError(0, 'unreachable', detail);
    } finally {
      clearTimeout(timer);
    }
    const payload = await readBody(response);
    if (!response.ok) {
      const error = (payload && payload.error) || STATUS_NAMES[response.status] || `http_${response.status}`;
      const detail = payload && typeof payload === 'object' ? payload.detail : typeof payload === 'string' ? payload.slice(0, 200) : undefined;
      if (response.status === 401 && token) this.onUnauthorized(new ApiError(401, error, detail));
      throw new ApiError(response.status, error, detail);
    }
    return payload;
  }
}

async function readBody(response) {
  const text = await response.text().catch(() => '');
  if (!text) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json') || /^[\s]*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
