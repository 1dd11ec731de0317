package io.smsgate.server.cli;

import io.smsgate.server.SmsgateServer;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.CarrierProfiles;
import io.smsgate.server.carrier.Carriers;
import io.smsgate.server.config.ConfigException;
import io.smsgate.server.config.ConfigLoader;
import io.smsgate.server.config.SmsgateConfig;
import io.smsgate.server.gateway.Gateway;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smsgate run --config config/smsgate.yaml}: the production server, until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the smsgate server with a configuration file; SIGTERM stops it gracefully.")
final class RunCommand implements Callable<Integer> {

    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/smsgate.yaml",
            description = "The configuration file (default: ${DEFAULT-VALUE}); SMSGATE__* environment variables "
                    + "override its keys.")
    private Path config;

    @Override
    public Integer call() {
        SmsgateConfig loaded;
        List<CarrierConfig> carriers;
        try {
            loaded = ConfigLoader.load(config);
            // Carrier profiles live beside the configuration file: config/carriers/<profile>.yaml.
            carriers = Carriers.configs(loaded.carriers(),
                    CarrierProfiles.load(config.toAbsolutePath().getParent().resolve("carriers")));
        } catch (ConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("smsgate: configuration refused: " + e.getMessage());
            return EXIT_CONFIG;
        }
        SmsgateServer server;
        try {
            server = SmsgateServer.start(loaded, new Gateway(carriers, loaded.routes(), loaded.routing(),
                    config.toAbsolutePath().getParent(), loaded.dispatchConfig()).components());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("smsgate: start failed: " + e.getMessage());
            return EXIT_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "smsgate-shutdown"));
        server.awaitStopped();
        return 0;
    }
}
