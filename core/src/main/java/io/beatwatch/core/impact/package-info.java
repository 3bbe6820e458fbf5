/**
 * Pure impact-evaluation maths: matched comparison cells, difference-in-differences, the cluster
 * bootstrap, the weighted displacement quotient and the dose-response of patrol minutes.
 */
package io.beatwatch.core.impact;
