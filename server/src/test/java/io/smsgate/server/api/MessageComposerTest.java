package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.text.EncodingChoice;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.TextEncoding;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.NewMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageComposerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        GSM7 | gsm7
        UCS2 | ucs2
        """)
    void namesTheEncodingAsTheContractDoes(TextEncoding encoding, String name) {
        assertThat(MessageComposer.encodingName(encoding)).isEqualTo(name);
    }

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        international with plus | +447700900123 | 1 | 1 | 447700900123
        long digits             | 447700900123  | 1 | 1 | 447700900123
        short code              | 12345         | 3 | 0 | 12345
        eight-digit short code  | 12345678      | 3 | 0 | 12345678
        alphanumeric            | ACME Bank     | 5 | 0 | ACME Bank
        """)
    void classifiesTheSender(String caseName, String from, int ton, int npi, String address) {
        assertThat(MessageComposer.sender(from)).isEqualTo(new Address(ton, npi, address));
    }

    @Test
    void storesGsm7TextWholeAsDataCodingZeroWithAFinalReceiptAndTheCallback() {
        SendRequest request = new SendRequest("+447700900123", "ACME", "hello", false,
                Optional.of("https://example.com/s"), Optional.of(Duration.ofHours(1)), Optional.empty(),
                Optional.of("ref"), false);
        EncodingChoice choice = MessageComposer.choose(request.text(), false);

        Submission submission = MessageComposer.submission("acme", request, choice, NOW);

        assertThat(submission.dataCoding()).isZero();
        assertThat(submission.parts()).containsExactly(Gsm7.DEFAULT.encode("hello"));
        assertThat(submission.registeredDelivery()).isEqualTo(1);
        assertThat(submission.validityUntil()).contains(NOW.plus(Duration.ofHours(1)));
        assertThat(submission.notBefore()).isEmpty();
        assertThat(submission.statusCallback()).contains("https://example.com/s");
        assertThat(submission.clientRef()).contains("ref");
    }

    @Test
    void aScheduledSendCountsItsValidityFromItsSendTime() {
        Instant later = NOW.plus(Duration.ofHours(2));
        SendRequest request = new SendRequest("+447700900123", "ACME", "later", false, Optional.empty(),
                Optional.of(Duration.ofMinutes(10)), Optional.of(later), Optional.empty(), false);

        Submission submission = MessageComposer.submission("acme", request,
                MessageComposer.choose("later", false), NOW);

        assertThat(submission.notBefore()).contains(later);
        assertThat(submission.validityUntil()).contains(later.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aSendTimeInThePastSendsNowAndTooFarAheadIsRefused() {
        SendRequest past = new SendRequest("+447700900123", "ACME", "x", false, Optional.empty(), Optional.empty(),
                Optional.of(NOW.minusSeconds(5)), Optional.empty(), false);
        SendRequest far = new SendRequest("+447700900123", "ACME", "x", false, Optional.empty(), Optional.empty(),
                Optional.of(NOW.plus(Duration.ofDays(31))), Optional.empty(), false);
        EncodingChoice choice = MessageComposer.choose("x", false);

        assertThat(MessageComposer.submission("acme", past, choice, NOW).notBefore()).isEmpty();
        assertThatThrownBy(() -> MessageComposer.submission("acme", far, choice, NOW))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().code()).contains("invalid_schedule"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        one GSM-7 segment       | 0 | 160 | 1
        two GSM-7 segments      | 0 | 161 | 2
        one UCS-2 segment       | 8 | 70  | 1
        two UCS-2 segments      | 8 | 71  | 2
        """)
    void countsTheSegmentsOfAStoredMessage(String caseName, int dataCoding, int characters, int segments) {
        String text = "a".repeat(characters);
        OctetString part = dataCoding == 8 ? io.smsgate.protocol.text.Ucs2.INSTANCE.encode(text)
                : Gsm7.DEFAULT.encode(text);
        NewMessage message = new NewMessage(new MessageId(1), "acme", Address.alphanumeric("ACME"),
                Address.international("447700900123"), 0, 0, 0, dataCoding, 1, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(part), OctetString.EMPTY);

        assertThat(MessageComposer.segments(message)).isEqualTo(segments);
    }
}
