/** Typed gateway configuration, its defaults and its loader (file plus environment). */
package io.beatwatch.gateway.config;
