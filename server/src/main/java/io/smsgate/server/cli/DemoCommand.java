package io.smsgate.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code smsgate demo}: runs what exists of the system on this machine with embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole system on this machine with its embedded defaults.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("smsgate demo: the protocol core is being built; the demo grows as the server lands.");
        return 0;
    }
}
