/** Pure detection statistics: minute counts, baselines, Poisson scan scores and alert lifecycle. */
package io.beatwatch.core.detect;
