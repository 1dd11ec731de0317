package io.smsgate.simulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sim}: the bundled carrier simulator, load generator and scenario runner. The server's
 * {@code smsgate} command mounts it as {@code smsgate sim …}; {@link #main} runs it alone.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = SimCommand.Version.class,
        description = "Simulated carriers (SMSC), a load-generating ESME and scripted scenarios for SMPP. Run '@|bold "
                + "sim smsc|@' to start a carrier on 127.0.0.1:2776, '@|bold sim load|@' to load an SMPP server, "
                + "'@|bold sim scenario FILE|@' to run a scenario and check its assertions.",
        subcommands = {SmscCommand.class, LoadCommand.class, ScenarioCommand.class, CommandLine.HelpCommand.class})
public final class SimCommand implements Runnable {
    /** Exit code when an assertion failed or a run found lost or doubled messages. */
    public static final int EXIT_ASSERTION_FAILED = 1;
    /** Exit code for a bad command line or configuration file. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the run could not be carried out (no connection, feature not available). */
    public static final int EXIT_UNAVAILABLE = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line for {@code sim} with its subcommands, ready for {@code execute(args)} or mounting. */
    public static CommandLine commandLine() {
        return new CommandLine(new SimCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SimCommand.class.getPackage().getImplementationVersion();
            return new String[] {"smsgate sim " + (version == null ? "(development build)" : version)};
        }
    }
}
