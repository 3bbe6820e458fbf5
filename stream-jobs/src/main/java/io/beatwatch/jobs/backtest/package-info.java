/** Analyst commands: walk-forward backtests, emergence runs through the real job, their reports. */
package io.beatwatch.jobs.backtest;
