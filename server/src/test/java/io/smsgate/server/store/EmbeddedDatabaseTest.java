package io.smsgate.server.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server as the gateway runs it: its own data directory, the server's durable defaults. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataPath;

    @Test
    void serverDefaultsAreDurableAndDataSurvivesARestart() throws SQLException, IOException {
        StoreConfig config = StoreConfig.DEFAULTS.withDataPath(dataPath);
        int port;
        try (Database database = Database.open(config)) {
            assertThat(show(database, "fsync")).isEqualTo("on");
            assertThat(show(database, "synchronous_commit")).isEqualTo("on");
            assertThat(show(database, "full_page_writes")).isEqualTo("on");
            assertThat(show(database, "wal_init_zero")).isEqualTo("off");
            assertThat(show(database, "shared_buffers")).isEqualTo("512MB");
            assertThat(show(database, "max_wal_size")).isEqualTo("4GB");
            assertThat(show(database, "checkpoint_timeout")).isEqualTo("15min");
            assertThat(show(database, "listen_addresses")).isEqualTo("127.0.0.1");
            execute(database, "INSERT INTO carrier (carrier_id) VALUES ('alpha')");
            port = Integer.parseInt(show(database, "port"));

            // A table growing by a few MB is written back within seconds, not after the kernel's 30.
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            database.bindMetrics(registry);
            execute(database, "CREATE TABLE growing AS SELECT g AS n, repeat('x', 200) AS filler "
                    + "FROM generate_series(1, 20000) g");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    registry.get("smsgate.store.writeback.grown").functionCounter().count())
                    .isGreaterThan(1 << 20));
        }

        // A crashed machine leaves postmaster.pid behind; its pid now names some other process (here: us).
        Files.writeString(dataPath.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n");

        try (Database restarted = Database.open(config)) {
            assertThat(Integer.parseInt(show(restarted, "port"))).isEqualTo(port);
            assertThat(show(restarted, "(SELECT string_agg(carrier_id, ',') FROM carrier)")).isEqualTo("alpha");
        }
    }

    @Test
    void aKilledServerLeavesAPostmasterThatTheNextStartStopsAndReplaces() throws Exception {
        Path logFile = dataPath.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseChild.class.getName(),
                dataPath.toString())
                .redirectError(logFile.toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            // The child's log lines may share its stdout (logback-test.xml): wait for the line that says it is up.
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("ready"));
            assertThat(line).as("child output, see %s", logFile).isEqualTo("ready");
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataPath.resolve("postgres/postmaster.pid")).get(0).trim());

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster stays behind
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (Database restarted = Database.open(StoreConfig.DEFAULTS.withDataPath(dataPath))) {
            assertThat(show(restarted, "(SELECT string_agg(carrier_id, ',') FROM carrier)")).isEqualTo("before-kill");
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static String show(Database database, String setting) throws SQLException {
        String sql = setting.startsWith("(") ? "SELECT " + setting : "SHOW " + setting;
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
