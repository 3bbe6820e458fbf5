/** The one shared Jackson configuration and encode / decode helpers for every wire record. */
package io.beatwatch.core.json;
