/** Live feeds from Redis to consoles: the alert stream reader, the map poller and their hub. */
package io.beatwatch.gateway.live;
