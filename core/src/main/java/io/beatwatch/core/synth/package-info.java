/** A seeded synthetic city: calls, tips and labelled injected clusters for demos and tests. */
package io.beatwatch.core.synth;
