package io.beatwatch.app;

import io.beatwatch.gateway.GatewayMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code beatwatch gateway [CONFIG]}: runs the HTTP and WebSocket gateway as a process. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Run the gateway (REST, WebSocket /ws, console, public feed, /metrics).",
            "Configuration: an optional YAML file plus BEATWATCH_* environment overrides"
                    + " (table in gateway/README.md)."
        })
public final class GatewayCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "Gateway YAML config file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        GatewayMain.main(config == null ? new String[0] : new String[] {config.toString()});
        return 0;
    }
}
