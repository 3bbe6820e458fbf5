/** The patrol stage of HotspotJob: cell risk and districts, dispatcher feedback, suggestions. */
package io.beatwatch.jobs.patrol;
