package io.smsgate.simulator.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.text.Reassembler;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReassemblingAssemblyTest {
    private final SimulatorCounters counters = new SimulatorCounters(CountersConfig.DEFAULTS,
            new ReassemblingAssembly(Reassembler.Config.DEFAULTS), 0);

    private static MessagePart part(int reference, int sequence, String text) {
        return new MessagePart("4477009001", "4477009123", OctetString.ascii(text), OptionalInt.empty(), reference, 3,
                sequence);
    }

    @Test
    void partsInAnyOrderCountAsOneMessageOnceTheLastArrives() {
        assertThat(counters.messagePartReceived(part(7, 3, "three"), 0)).isEmpty();
        assertThat(counters.messagePartReceived(part(7, 1, "one "), 1)).isEmpty();
        AssembledMessage whole = counters.messagePartReceived(part(7, 2, "two "), 2).orElseThrow();
        assertThat(whole.text()).isEqualTo(OctetString.ascii("one two three"));
        assertThat(whole.parts()).isEqualTo(3);
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.partsReceived()).isEqualTo(3);
        assertThat(snapshot.messagesReceived()).isEqualTo(1);
        assertThat(snapshot.messagesTo("4477009123")).isEqualTo(1);
    }

    @Test
    void theSameConcatenatedMessageSentTwiceIsOneDuplicate() {
        for (int round = 0; round < 2; round++) {
            for (int sequence = 1; sequence <= 3; sequence++) {
                counters.messagePartReceived(part(round + 1, sequence, "p" + sequence), sequence);
            }
        }
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.messagesReceived()).isEqualTo(2);
        assertThat(snapshot.duplicates()).isEqualTo(1);
    }

    @Test
    void aSinglePartPassesStraightThrough() {
        assertThat(counters.messagePartReceived(MessagePart.single("a", "b", OctetString.ascii("x")), 0)).isPresent();
    }
}
