/**
 * Turns untrusted records into wire records or into a {@code Reject} naming its reason; never
 * throws.
 */
package io.beatwatch.core.validate;
