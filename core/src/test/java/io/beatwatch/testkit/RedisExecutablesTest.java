package io.beatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisExecutablesTest {

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, redis-server-6.2.6-v5-linux-amd64",
        "Linux, x86_64, redis-server-6.2.6-v5-linux-amd64",
        "Linux, aarch64, redis-server-6.2.7-linux-arm64",
        "Linux, i386, redis-server-6.2.7-linux-386",
        "Mac OS X, aarch64, redis-server-6.2.6-v5-darwin-arm64",
        "Mac OS X, x86_64, redis-server-6.2.6-v5-darwin-amd64",
    })
    void picksTheEmbeddedBinaryForOsAndArch(String os, String arch, String resource) {
        assertThat(RedisExecutables.embeddedResource(os, arch)).isEqualTo(resource);
    }

    @Test
    void refusesAnUnknownPlatform() {
        assertThatThrownBy(() -> RedisExecutables.embeddedResource("Windows 11", "amd64"))
                .hasMessageContaining("install redis-server on PATH");
    }

    @Test
    void everyLinuxBinaryIsShippedInTheEmbeddedRedisJar() {
        for (String arch : new String[] {"amd64", "aarch64", "i386"}) {
            String resource = RedisExecutables.embeddedResource("Linux", arch);
            assertThat(RedisExecutables.class.getResource("/" + resource)).as(resource).isNotNull();
        }
    }

    @Test
    void findsOnlyExecutableFilesOnPath(@TempDir Path tmp) throws IOException {
        Path plain = Files.createDirectory(tmp.resolve("plain"));
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Files.writeString(plain.resolve("redis-server"), "not executable");
        Path exe = Files.writeString(bin.resolve("redis-server"), "#!/bin/sh\n");
        assertThat(exe.toFile().setExecutable(true)).isTrue();

        String path = String.join(File.pathSeparator, "", plain.toString(), bin.toString());

        assertThat(RedisExecutables.onPath("redis-server", path)).contains(exe);
        assertThat(RedisExecutables.onPath("redis-server", plain.toString())).isEmpty();
        assertThat(RedisExecutables.onPath("redis-server", null)).isEmpty();
    }
}
