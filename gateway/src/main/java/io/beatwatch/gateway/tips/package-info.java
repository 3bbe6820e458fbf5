/** The public tips intake: validation, stripping of identifying fields, rate limits, Kafka. */
package io.beatwatch.gateway.tips;
