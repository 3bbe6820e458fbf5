/**
 * Pure backtest maths: compact event tables, walk-forward periods, capture metrics (hit rate, PAI,
 * PEI), kernel density, Beatwatch's risk ranking and the injection of synthetic clusters.
 */
package io.beatwatch.core.backtest;
