/** The command-line entry point behind {@code bin/beatwatch}: one subcommand per user task. */
package io.beatwatch.app;
