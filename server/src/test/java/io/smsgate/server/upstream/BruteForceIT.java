package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.smsgate.server.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Repeated bad passwords from one address lock it out; no log line at any level ever holds a password. */
@Timeout(120)
class BruteForceIT {

    private static final String PASSWORD = "hunter22";
    // Everything at TRACE, the session's own logger included (logback-test.xml keeps it at WARN).
    @RegisterExtension
    final LogCapture captured = LogCapture.of("io.smsgate").atLevel(Level.TRACE);
    @RegisterExtension
    final LogCapture session = LogCapture.of("io.smsgate.protocol.smpp.session").atLevel(Level.TRACE);
    private UpstreamFixture fixture;

    @BeforeEach
    void start() {
        fixture = new UpstreamFixture("brute_force_it",
                List.of(AccountConfig.of("victim", PASSWORD, List.of("127.0.0.1"))),
                config -> config.withBruteForce(new BruteForceConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(10),
                        1_000)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private int bind(String systemId, String password) throws Exception {
        try (RawClient raw = new RawClient(fixture.port())) {
            raw.write(RawClient.bindTransmitter(1, systemId, password));
            RawClient.Read resp = raw.read();
            assertThat(resp.commandId()).isEqualTo(0x80000002);
            return resp.status();
        }
    }

    @Test
    void repeatedBadPasswordsLockTheAddressOutAndNoPasswordIsEverLogged() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(bind("victim", "guess00" + i)).isEqualTo(0x0E);
        }
        assertThat(bind("victim", "guess009")).isEqualTo(0x0E); // the fourth starts the lockout

        // Locked out: even the right password is refused, with the same status, and costs no hash.
        assertThat(bind("victim", PASSWORD)).isEqualTo(0x0E);
        assertThat(fixture.meters.get("smsgate.upstream.binds").tag("outcome", "locked_out").counter().count())
                .isEqualTo(1);
        assertThat(fixture.meters.get("smsgate.upstream.binds").tag("outcome", "bad_credentials").counter().count())
                .isEqualTo(4);

        List<ILoggingEvent> logged = captured.events();
        assertThat(logged).isNotEmpty();
        assertThat(logged).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("bind refused system_id=victim"));
        for (ILoggingEvent event : logged) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(PASSWORD).doesNotContain("guess00");
        }
    }
}
