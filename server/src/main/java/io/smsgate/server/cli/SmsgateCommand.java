package io.smsgate.server.cli;

import io.smsgate.simulator.cli.SimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code smsgate} command line: the server, the demo, and the simulator tools. */
@Command(
        name = "smsgate",
        mixinStandardHelpOptions = true,
        versionProvider = SmsgateCommand.Version.class,
        description = "Carrier-grade SMS/MMS core server.",
        subcommands = {RunCommand.class, DemoCommand.class, SimCommand.class})
public final class SmsgateCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands; {@code sim} keeps its case-insensitive enum options. */
    static CommandLine commandLine() {
        return new CommandLine(new SmsgateCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SmsgateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"smsgate " + (version == null ? "development build" : version)};
        }
    }
}
