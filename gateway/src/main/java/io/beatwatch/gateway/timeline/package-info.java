/** An alert's whole story (revisions, supervisor actions, patrol visits) and the shift handover. */
package io.beatwatch.gateway.timeline;
