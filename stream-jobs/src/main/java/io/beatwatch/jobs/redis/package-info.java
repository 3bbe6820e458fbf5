/** Redis materialized view sinks (Lettuce), idempotent absolute writes only. */
package io.beatwatch.jobs.redis;
