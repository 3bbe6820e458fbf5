/** Primitive collections behind the detector's hot path. */
package io.beatwatch.core.detect.internal;
