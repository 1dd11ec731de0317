package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.counters.CountersConfig;
import io.smsgate.simulator.load.LoadResult;
import io.smsgate.simulator.scenario.Account;
import io.smsgate.simulator.scenario.CarrierTls;
import io.smsgate.simulator.scenario.LoadPhase;
import io.smsgate.simulator.scenario.MessageMix;
import io.smsgate.simulator.scenario.SimulatedCarrier;
import io.smsgate.simulator.scenario.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SMPP over TLS: the simulated SMSC's TLS listener (generated or configured certificate) and the load generator's TLS binds. */
@Timeout(120)
class SmscTlsIT {
    private SmscSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private SmscSimulator.Carrier start(CarrierTls tls) {
        SimulatedCarrier carrier = new SimulatedCarrier("carrier-tls", "127.0.0.1", 0,
                List.of(new Account("esme", "secret")), 1, CarrierBehaviour.DEFAULTS).withTls(tls);
        simulator = SmscSimulator.start(new SmscConfig(List.of(carrier), "127.0.0.1", 0, CountersConfig.DEFAULTS),
                1, Clock.systemUTC());
        return simulator.carriers().get(0);
    }

    private static SystemUnderTest target() {
        return new SystemUnderTest("127.0.0.1", 1, Optional.empty(), "esme", "secret",
                SystemUnderTest.BindType.TRANSCEIVER, 2, 10, Duration.ofSeconds(10));
    }

    private static LoadResult load(SmscSimulator.Carrier carrier, X509Certificate trusted) throws Exception {
        MessageMix mix = new MessageMix(50, 25, 25, 1.0, "12345", List.of("+4477009"), 12);
        try (LoadGenerator generator = LoadGenerator.connect(carrier.address(), target(), MessageIdCorrelation.AS_IS,
                1, 1, Optional.of(SimulatorTls.clientTrusting(List.of(trusted))))) {
            return generator.run("tls", List.of(new LoadPhase("tls", Duration.ofSeconds(1), 200, mix)),
                    Duration.ofSeconds(30), point -> { });
        }
    }

    @Test
    void aSelfSignedCarrierServesTheLoadGeneratorOverTlsWithEveryReceiptMatched() throws Exception {
        SmscSimulator.Carrier carrier = start(new CarrierTls.SelfSigned());
        X509Certificate certificate = carrier.certificate().orElseThrow();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
        List<Object> names = new java.util.ArrayList<>();
        certificate.getSubjectAlternativeNames().forEach(name -> names.add(name.get(1)));
        assertThat(names).contains("localhost", "127.0.0.1");

        LoadResult result = load(carrier, certificate);

        assertThat(result.accepted()).isEqualTo(result.submitted()).isGreaterThanOrEqualTo(190);
        assertThat(result.receipts().matched()).isEqualTo(result.accepted());
        assertThat(result.receipts().lost()).isZero();
        assertThat(carrier.counters().snapshot().receiptsAcknowledged()).isEqualTo(result.accepted());
    }

    @Test
    void aConfiguredPkcs12KeyStoreIsPresented(@TempDir Path directory) throws Exception {
        Path keyStore = directory.resolve("carrier.p12");
        SimulatorTls.generateSelfSigned(keyStore, "store-secret", "127.0.0.1");
        SmscSimulator.Carrier carrier = start(new CarrierTls.Pkcs12(keyStore, "store-secret"));

        LoadResult result = load(carrier, carrier.certificate().orElseThrow());

        assertThat(result.receipts().matched()).isEqualTo(result.accepted()).isPositive();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotBind() throws Exception {
        SmscSimulator.Carrier carrier = start(new CarrierTls.SelfSigned());
        Path otherStore = Files.createTempFile("other", ".p12");
        Files.delete(otherStore);
        try {
            SimulatorTls.generateSelfSigned(otherStore, "other-secret", "127.0.0.1");
            X509Certificate stranger = SimulatorTls.server(new CarrierTls.Pkcs12(otherStore, "other-secret"),
                    "127.0.0.1").certificate();
            assertThatThrownBy(() -> load(carrier, stranger)).isInstanceOf(LoadGenerator.BindFailedException.class);
        } finally {
            Files.deleteIfExists(otherStore);
        }
        assertThat(carrier.counters().snapshot().bindsAccepted()).isZero();
    }

    @Test
    void aPlainTcpBindGetsNoBindResponse() throws IOException {
        SmscSimulator.Carrier carrier = start(new CarrierTls.SelfSigned());
        try (RawEsme esme = new RawEsme(carrier.address(), 5000)) {
            esme.bind(1, "esme", "secret");
            // The listener speaks TLS only: the cleartext bind is a bad TLS record, answered with an alert
            // (content type 0x15) or a close, never with a bind_resp.
            int first = esme.readByte();
            assertThat(first).isIn(-1, 0x15);
        }
        assertThat(carrier.counters().snapshot().bindsAccepted()).isZero();
    }

    @Test
    void aMissingPemFileFailsTheStartNamingIt(@TempDir Path directory) {
        Path missing = directory.resolve("missing.pem");
        assertThatThrownBy(() -> start(new CarrierTls.Pem(missing, directory.resolve("missing.key"))))
                .hasMessageContaining("missing.pem");
    }
}
