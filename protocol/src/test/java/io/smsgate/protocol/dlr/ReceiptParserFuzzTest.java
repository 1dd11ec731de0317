package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smsgate.protocol.OctetString;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Feeds arbitrary TLV values and octets to the receipt parser. Its only outcomes are {@code Parsed} or
 * {@code Unparsed} (never an exception), and every parsed receipt can be formatted. Run with
 * {@code JAZZER_FUZZ=1} to fuzz; the default test run replays the regression inputs.
 */
class ReceiptParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parserHasOnlyDocumentedOutcomes(FuzzedDataProvider data) {
        Optional<String> receiptedMessageId = data.consumeBoolean()
                ? Optional.of(data.consumeString(80)) : Optional.empty();
        OptionalInt messageState = data.consumeBoolean() ? OptionalInt.of(data.consumeInt()) : OptionalInt.empty();
        Optional<NetworkErrorCode> networkErrorCode = NetworkErrorCode.fromTlvValue(
                OctetString.wrap(data.consumeBytes(3)));
        OctetString shortMessage = OctetString.wrap(data.consumeBytes(254));
        OctetString payload = OctetString.wrap(data.consumeRemainingAsBytes());

        ReceiptParseResult result = ReceiptParser.parse(
                new ReceiptTlvs(receiptedMessageId, messageState, networkErrorCode), shortMessage, payload);

        if (result instanceof ReceiptParseResult.Parsed parsed) {
            assertThat(ReceiptFormat.DEFAULTS.format(parsed.receipt())).startsWith("id:" + parsed.receipt().id());
        } else {
            assertThat(result.problems()).isNotEmpty();
        }
    }
}
