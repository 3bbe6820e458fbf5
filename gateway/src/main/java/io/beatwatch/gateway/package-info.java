/** The Beatwatch gateway: HTTP and WebSocket front of the live view, tips intake, public feed. */
package io.beatwatch.gateway;
