/** Privacy rules decided once, where the city profile is known: which calls are sensitive. */
package io.beatwatch.core.privacy;
