/** Who may do what: RS256 bearer tokens, roles and district scope, WebSocket tickets, origins. */
package io.beatwatch.gateway.auth;
