/** The HTTP server verticle: router, REST handlers, WebSocket handshake and error mapping. */
package io.beatwatch.gateway.http;
