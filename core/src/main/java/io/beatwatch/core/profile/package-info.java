/**
 * City profiles: typed, validated descriptions of how one agency's feed maps onto the wire records.
 */
package io.beatwatch.core.profile;
