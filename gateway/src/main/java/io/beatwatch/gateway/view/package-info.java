/** Reading the Redis view: cells, ranked districts, open alerts, suggestions, hex geometry. */
package io.beatwatch.gateway.view;
