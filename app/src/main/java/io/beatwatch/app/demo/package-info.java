/** The one-command demo: every part of Beatwatch in one JVM on an embedded default. */
package io.beatwatch.app.demo;
