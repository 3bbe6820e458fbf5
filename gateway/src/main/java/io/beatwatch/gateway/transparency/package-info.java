/** The public transparency feed: delayed, coarse, k-suppressed counts without sensitive types. */
package io.beatwatch.gateway.transparency;
