package io.beatwatch.gateway;

import io.beatwatch.gateway.config.GatewayConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a gateway as a process: {@code GatewayMain [config.yaml]}, plus {@code BEATWATCH_*}
 * environment overrides (gateway/README.md). Stops cleanly on SIGTERM.
 */
public final class GatewayMain {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        var config = GatewayConfigLoader.load(file);
        var gateway = Gateway.start(config);
        var done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    LOG.info("stopping gateway");
                                    gateway.close();
                                    done.countDown();
                                },
                                "beatwatch-gateway-shutdown"));
        done.await();
    }
}
