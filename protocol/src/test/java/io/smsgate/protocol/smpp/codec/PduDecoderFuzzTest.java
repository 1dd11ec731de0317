package io.smsgate.protocol.smpp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.smsgate.protocol.smpp.pdu.Inbound;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Pdu;

/**
 * Feeds arbitrary bytes to the frame decoder and PDU decoder. The only documented outcomes are a {@link Pdu}, a
 * {@link MalformedPdu}, or a framing error ({@link CorruptedFrameException}, {@link TooLongFrameException}); every
 * decoded PDU must survive encode and decode unchanged. Seeds live in {@code PduDecoderFuzzTestInputs}; the CI run
 * fuzzes for {@code fuzz.duration} (protocol/pom.xml, execution {@code fuzz}).
 */
class PduDecoderFuzzTest {

    /** Small enough that the fuzzer reaches the too-long path, large enough for a full message_payload seed. */
    private static final int MAX_PDU_LENGTH = 4096;

    @FuzzTest(maxDuration = "60s")
    void decoderHasOnlyDocumentedOutcomes(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new PduFrameDecoder(MAX_PDU_LENGTH), new PduDecoder());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(input));
        } catch (CorruptedFrameException | TooLongFrameException expected) {
            // framing lost: ExceptionHandler answers generic_nack ESME_RINVCMDLEN and closes
        }
        for (Object decoded = channel.readInbound(); decoded != null; decoded = channel.readInbound()) {
            assertThat(decoded).isInstanceOf(Inbound.class);
            if (decoded instanceof Pdu pdu) {
                assertThat(PduCodecProperties.roundTrip(pdu)).isEqualTo(pdu);
            }
        }
        channel.finishAndReleaseAll();
    }
}
