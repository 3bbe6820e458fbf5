/** Test support for Flink jobs: a MiniCluster at parallelism 2 for JUnit 5. */
package io.beatwatch.jobs.testkit;
