/** Sections of the shared reports under docs/ that harnesses and tests rewrite. */
package io.beatwatch.core.docs;
