package io.smsgate.server.store;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A process for {@link EmbeddedDatabaseTest} to kill: opens the store on the data path given as argument, stores
 * a carrier row, says "ready" on stdout and waits for stdin to close (it never does: it is killed with SIGKILL).
 */
final class EmbeddedDatabaseChild {

    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        Database database = Database.open(StoreConfig.DEFAULTS.withDataPath(Path.of(args[0])));
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO carrier (carrier_id) VALUES ('before-kill')");
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        out.println("ready");
        while (System.in.read() >= 0) {
            // Block until killed.
        }
    }
}
