/** The audit trail: who did what, when, from where, with what outcome, as JSON lines. */
package io.beatwatch.gateway.audit;
