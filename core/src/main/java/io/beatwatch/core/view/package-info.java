/**
 * The Redis materialized view: key formats shared by the job that writes it and the gateway that
 * reads it.
 */
package io.beatwatch.core.view;
