/** Streaming readers that map city feed files through a profile into calls, tips and rejects. */
package io.beatwatch.core.feed;
