/** The versioned wire records shared by every module: calls, tips, alerts, suggestions, rejects. */
package io.beatwatch.core.model;
