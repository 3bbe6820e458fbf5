/** HotspotJob: calls and tips to scored, explained alerts and the cell view. */
package io.beatwatch.jobs.hotspot;
