/** The shift handover: what happened in a shift per district, as data and as printable HTML. */
package io.beatwatch.gateway.handover;
