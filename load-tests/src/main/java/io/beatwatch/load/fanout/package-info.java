/** The WebSocket fan-out harness: one gateway, many consoles, slow consoles, storms, restarts. */
package io.beatwatch.load.fanout;
