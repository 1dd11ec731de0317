package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.routing.HealthBoard;
import io.smsgate.routing.HealthConfig;
import io.smsgate.routing.RoutingListener;
import io.smsgate.server.config.DataSize;
import io.smsgate.server.metrics.SmppMeters;
import io.smsgate.server.pipeline.MoHook;
import io.smsgate.server.pipeline.OutboxSignal;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalConfig;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The bounds of carriers[n].mo-reassembly are enforced on the carrier's concatenated MOs, each given-up message or
 * refused part counted in smsgate.carrier.mo.dropped and logged. No MO here is ever complete, so nothing reaches the
 * store: its data source is never connected to.
 */
class InboundMoReassemblyTest {

    private static final String CARRIER = "c";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    @RegisterExtension
    final LogCapture captured = LogCapture.of(InboundHandler.class);
    private final AtomicLong ticker = new AtomicLong();
    private final PGSimpleDataSource unused = new PGSimpleDataSource();
    private final StoreReader reader = new StoreReader(unused, 1, 10);

    @AfterEach
    void release() {
        reader.close();
    }

    @Test
    void beyondMaxMessagesTheOldestIncompleteMoIsGivenUpCountedAndLogged() {
        InboundHandler inbound = handler(new MoReassemblyConfig(Duration.ofMinutes(5), 2, DataSize.ofMebibytes(1),
                255));

        assertThat(part(inbound, 1, 2, 1, 10)).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(part(inbound, 2, 2, 1, 10)).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(dropped("evicted")).isZero();
        assertThat(part(inbound, 3, 2, 1, 10)).isEqualTo(CommandStatus.ESME_ROK);

        assertThat(pending()).isEqualTo(2);
        assertThat(dropped("evicted")).isEqualTo(1.0);
        assertThat(warnings()).containsExactly("carrier mo dropped carrier=c reason=evicted source=********1234 "
                + "destination=********5678 reference=1 received=1 total=2");
    }

    @Test
    void beyondMaxOctetsTheOldestIncompleteMosAreGivenUp() {
        // Parts of 134 octets (140 less the 6-octet UDH): the eighth part passes 1 KiB held.
        InboundHandler inbound = handler(new MoReassemblyConfig(Duration.ofMinutes(5), 100, DataSize.ofKibibytes(1),
                255));
        for (int reference = 1; reference <= 4; reference++) {
            assertThat(part(inbound, reference, 3, 1, 134)).isEqualTo(CommandStatus.ESME_ROK);
            assertThat(part(inbound, reference, 3, 2, 134)).isEqualTo(CommandStatus.ESME_ROK);
        }

        assertThat(dropped("evicted")).isEqualTo(1.0);
        assertThat(pending()).isEqualTo(3);
        assertThat(warnings()).singleElement().asString().contains("reason=evicted", "reference=1 received=2 total=3");
    }

    @Test
    void anIncompleteMoIsGivenUpOnceItsTimeoutHasPassed() {
        InboundHandler inbound = handler(new MoReassemblyConfig(Duration.ofSeconds(30), 100, DataSize.ofMebibytes(1),
                255));
        assertThat(part(inbound, 7, 3, 2, 10)).isEqualTo(CommandStatus.ESME_ROK);

        ticker.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        part(inbound, 8, 2, 1, 10);
        assertThat(dropped("expired")).isZero();
        ticker.addAndGet(1);
        part(inbound, 9, 2, 1, 10);

        assertThat(dropped("expired")).isEqualTo(1.0);
        assertThat(pending()).isEqualTo(2);
        assertThat(warnings()).singleElement().asString().contains("reason=expired", "reference=7 received=1 total=3");
    }

    @Test
    void theSweepGivesUpAnIncompleteMoWithoutWaitingForAnotherPart() {
        InboundHandler inbound = handler(new MoReassemblyConfig(Duration.ofSeconds(30), 100, DataSize.ofMebibytes(1),
                255));
        assertThat(part(inbound, 7, 3, 2, 10)).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(pending()).isEqualTo(1);

        ticker.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        inbound.expireIncompleteMos();
        assertThat(pending()).isEqualTo(1);
        ticker.addAndGet(1);
        inbound.expireIncompleteMos();

        assertThat(pending()).isZero();
        assertThat(dropped("expired")).isEqualTo(1.0);
        assertThat(warnings()).singleElement().asString().contains("reason=expired", "reference=7 received=1 total=3");
    }

    @ParameterizedTest(name = "timeout {0} -> sweep every {1}")
    @CsvSource({"PT2S, PT1S", "PT30S, PT6S", "PT5M, PT30S", "PT1H, PT30S"})
    void theSweepRunsAFifthOfTheTimeoutBetweenOneAndThirtySeconds(Duration timeout, Duration period) {
        assertThat(CarrierDispatcher.moSweepPeriod(timeout)).isEqualTo(period);
    }

    @Test
    void aPartOfAnMoAnnouncingMoreThanMaxPartsIsRefusedPermanentlyCountedAndLogged() {
        InboundHandler inbound = handler(new MoReassemblyConfig(Duration.ofMinutes(5), 100, DataSize.ofMebibytes(1),
                4));

        assertThat(part(inbound, 5, 4, 1, 10)).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(part(inbound, 6, 5, 1, 10)).isEqualTo(CommandStatus.ESME_RX_P_APPN);

        assertThat(pending()).isEqualTo(1);
        assertThat(dropped("too-many-parts")).isEqualTo(1.0);
        assertThat(warnings()).containsExactly("carrier mo part refused carrier=c reason=too-many-parts "
                + "source=********1234 destination=********5678 detail=total: 5 (expected: <= "
                + "mo-reassembly.max-parts 4)");
    }

    @Test
    void aPartLargerThanMaxOctetsIsRefused() {
        InboundHandler inbound = handler(new MoReassemblyConfig(Duration.ofMinutes(5), 100, DataSize.ofKibibytes(1),
                255));

        assertThat(sarPart(inbound, 5, 2, 1, 2048)).isEqualTo(CommandStatus.ESME_RX_P_APPN);

        assertThat(pending()).isZero();
        assertThat(dropped("refused")).isEqualTo(1.0);
        assertThat(warnings()).singleElement().asString()
                .contains("reason=refused", "part: 2048 octets (expected: <= 1024, the pending octet bound)");
    }

    private InboundHandler handler(MoReassemblyConfig config) {
        Journal journal = new Journal(unused, JournalConfig.DEFAULTS, registry);
        ClientNotices notices = new ClientNotices(journal, new MessageIdGenerator(Clock.systemUTC(), 1),
                Clock.systemUTC(), Duration.ofHours(1), OutboxSignal.NONE);
        CarrierMeters meters = new CarrierMeters(registry, new SmppMeters(registry, false), CARRIER);
        return new InboundHandler(CARRIER, CarrierProfile.DEFAULTS, journal, reader, notices,
                meters, Clock.systemUTC(), Runnable::run, ticker::get, false,
                new HealthBoard(HealthConfig.DEFAULTS, RoutingListener.NOOP), config, MoHook.NONE);
    }

    /** Part {@code sequence} of {@code total} of MO {@code reference}, 8-bit UDH and {@code octets} of user data. */
    private static CommandStatus part(InboundHandler inbound, int reference, int total, int sequence, int octets) {
        byte[] body = new byte[6 + octets];
        // UDHL, IEI 00 (8-bit concatenation), IEDL 3, then reference, total, sequence
        System.arraycopy(HexFormat.of().parseHex("05 00 03".replace(" ", "")), 0, body, 0, 3);
        body[3] = (byte) reference;
        body[4] = (byte) total;
        body[5] = (byte) sequence;
        ShortMessage message = new ShortMessage("", Address.international("447700901234"),
                Address.international("447700905678"), CarrierEncoder.UDHI, 0, 0, "", "", 0, 0, 4, 0,
                OctetString.wrap(body));
        return inbound.handle(new DeliverSm(reference * 1000 + sequence, message, Tlvs.EMPTY)).toCompletableFuture()
                .join().commandStatus();
    }

    /** The same through SAR TLVs (SMPP 3.4 §5.3.2.22–24), the user data in message_payload. */
    private static CommandStatus sarPart(InboundHandler inbound, int reference, int total, int sequence,
                                         int octets) {
        ShortMessage message = new ShortMessage("", Address.international("447700901234"),
                Address.international("447700905678"), 0, 0, 0, "", "", 0, 0, 4, 0, OctetString.EMPTY);
        Tlvs tlvs = Tlvs.of(new Tlv.SarMsgRefNum(reference), new Tlv.SarTotalSegments(total),
                new Tlv.SarSegmentSeqnum(sequence), new Tlv.MessagePayload(OctetString.wrap(new byte[octets])));
        return inbound.handle(new DeliverSm(reference * 1000 + sequence, message, tlvs)).toCompletableFuture()
                .join().commandStatus();
    }

    private double dropped(String reason) {
        var counter = registry.find("smsgate.carrier.mo.dropped").tags("carrier", CARRIER, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double pending() {
        return registry.get("smsgate.carrier.mo.pending").tag("carrier", CARRIER).gauge().value();
    }

    private List<String> warnings() {
        return captured.events(Level.WARN).stream()
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
