/** Command-line entry points of the jobs: live job, replay (registered in the app's launcher). */
package io.beatwatch.jobs.cli;
