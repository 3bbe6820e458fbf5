/** A Nexmark bid generator as a bounded Flink source, and Nexmark query 5 in Flink SQL. */
package io.beatwatch.load.nexmark;
