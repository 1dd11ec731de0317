package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmppTimeTest {

    // SMPP 3.4 §7.1.1.2: YY MM DD hh mm ss t nn R, a month being 30 days and a year 365.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        one minute                 | PT1M          | 00 00 00 00 01 00 000R
        two days three hours       | PT51H         | 00 00 02 03 00 00 000R
        a 30-day month             | PT720H        | 00 01 00 00 00 00 000R
        a 365-day year and a day   | PT8784H       | 01 00 01 00 00 00 000R
        fractions round down       | PT59.999S     | 00 00 00 00 00 59 000R
        below a second is a second | PT0.2S        | 00 00 00 00 00 01 000R
        past the format's maximum  | PT1000000H    | 99 11 30 23 59 59 000R
        362 days, beyond MM and DD | PT8688H       | 00 11 30 23 59 59 000R
        """)
    void writesARelativeTime(String caseName, Duration remaining, String expected) {
        assertThat(SmppTime.relative(remaining)).isEqualTo(expected.replace(" ", ""));
    }

    @Test
    void aPartGoesOutWithWhatRemainsOfItsValidityAtSendTime() {
        SubmitSm part = new SubmitSm(0, ShortMessage.of(Address.alphanumeric("ACME"),
                Address.international("447700900001"), 0, OctetString.EMPTY), Tlvs.EMPTY);
        Instant now = Instant.parse("2026-11-21T04:30:00Z");

        SubmitSm timed = CarrierEncoder.timed(part, Optional.of(now.plus(Duration.ofHours(2))), now);

        assertThat(timed.message().validityPeriod()).isEqualTo("000000020000000R");
        assertThat(timed.message().scheduleDeliveryTime()).isEmpty();
        assertThat(CarrierEncoder.timed(part, Optional.empty(), now)).isSameAs(part);
    }
}
