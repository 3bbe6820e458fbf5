/** Tests that keep the deployment manifests and the monitoring files true to the code. */
package io.beatwatch.deploy;
