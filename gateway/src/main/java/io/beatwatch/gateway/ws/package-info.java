/** Console WebSocket sessions: handshake checks, subscribe and resume, per-console outbox. */
package io.beatwatch.gateway.ws;
