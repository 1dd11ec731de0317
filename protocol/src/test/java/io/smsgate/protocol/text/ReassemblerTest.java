package io.smsgate.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

    private static final Reassembler.Key KEY = new Reassembler.Key("447700900001", "12345", 0x2a);
    private static final long SECOND = 1_000_000_000L;

    private final List<Reassembler.Dropped> dropped = new ArrayList<>();
    private final Reassembler reassembler = new Reassembler(
            new Reassembler.Config(2, 100, Duration.ofSeconds(60)), dropped::add);

    @Test
    void joinsPartsThatArriveOutOfOrder() {
        assertThat(reassembler.offer(KEY, 3, 3, OctetString.ascii("c"), 0))
                .isEqualTo(new Reassembler.Incomplete(KEY, 1, 3));
        assertThat(reassembler.offer(KEY, 3, 1, OctetString.ascii("a"), 1))
                .isEqualTo(new Reassembler.Incomplete(KEY, 2, 3));
        Reassembler.Outcome outcome = reassembler.offer(KEY, 3, 2, OctetString.ascii("b"), 2);
        assertThat(outcome).isInstanceOf(Reassembler.Complete.class);
        assertThat(((Reassembler.Complete) outcome).joined()).isEqualTo(OctetString.ascii("abc"));
        assertThat(reassembler.pendingMessages()).isZero();
        assertThat(reassembler.pendingOctets()).isZero();
    }

    @Test
    void keepsTheFirstCopyOfADuplicatePart() {
        reassembler.offer(KEY, 2, 1, OctetString.ascii("a"), 0);
        assertThat(reassembler.offer(KEY, 2, 1, OctetString.ascii("x"), 1))
                .isEqualTo(new Reassembler.Duplicate(KEY, 1));
        Reassembler.Complete complete = (Reassembler.Complete) reassembler.offer(KEY, 2, 2, OctetString.ascii("b"), 2);
        assertThat(complete.joined()).isEqualTo(OctetString.ascii("ab"));
    }

    @Test
    void keepsMessagesFromDifferentSendersApart() {
        Reassembler.Key other = new Reassembler.Key("447700900002", "12345", 0x2a);
        reassembler.offer(KEY, 2, 1, OctetString.ascii("a"), 0);
        reassembler.offer(other, 2, 2, OctetString.ascii("Y"), 0);
        assertThat(reassembler.offer(KEY, 2, 2, OctetString.ascii("b"), 0)).isInstanceOf(Reassembler.Complete.class);
        assertThat(reassembler.pendingMessages()).isEqualTo(1);
    }

    @Test
    void expiresAPartialMessageAfterTheTimeout() {
        reassembler.offer(KEY, 2, 1, OctetString.ascii("a"), 0);
        assertThat(reassembler.expire(59 * SECOND)).isZero();
        assertThat(reassembler.expire(60 * SECOND)).isEqualTo(1);
        assertThat(dropped).containsExactly(new Reassembler.Dropped(KEY, Reassembler.DropReason.EXPIRED, 1, 2));
        // The late part starts a new message instead of completing the expired one.
        assertThat(reassembler.offer(KEY, 2, 2, OctetString.ascii("b"), 61 * SECOND))
                .isEqualTo(new Reassembler.Incomplete(KEY, 1, 2));
    }

    @Test
    void evictsTheOldestMessageWhenTooManyArePending() {
        Reassembler.Key second = new Reassembler.Key("a", "b", 2);
        Reassembler.Key third = new Reassembler.Key("a", "b", 3);
        reassembler.offer(KEY, 2, 1, OctetString.ascii("a"), 0);
        reassembler.offer(second, 2, 1, OctetString.ascii("a"), 1);
        reassembler.offer(third, 2, 1, OctetString.ascii("a"), 2);
        assertThat(dropped).containsExactly(new Reassembler.Dropped(KEY, Reassembler.DropReason.EVICTED, 1, 2));
        assertThat(reassembler.pendingMessages()).isEqualTo(2);
    }

    @Test
    void evictsTheOldestMessageWhenTooManyOctetsArePending() {
        Reassembler.Key second = new Reassembler.Key("a", "b", 2);
        reassembler.offer(KEY, 2, 1, OctetString.wrap(new byte[60]), 0);
        reassembler.offer(second, 2, 1, OctetString.wrap(new byte[60]), 1);
        assertThat(dropped).containsExactly(new Reassembler.Dropped(KEY, Reassembler.DropReason.EVICTED, 1, 2));
        assertThat(reassembler.pendingOctets()).isEqualTo(60);
    }

    @Test
    void rejectsAMessageThatAloneOutgrowsTheOctetBound() {
        reassembler.offer(KEY, 3, 1, OctetString.wrap(new byte[60]), 0);
        assertThat(reassembler.offer(KEY, 3, 2, OctetString.wrap(new byte[60]), 0))
                .isInstanceOf(Reassembler.Rejected.class);
        assertThat(reassembler.pendingOctets()).isZero();
        assertThat(dropped).extracting(Reassembler.Dropped::reason).containsExactly(Reassembler.DropReason.EVICTED);
    }

    @Test
    void startsAgainWhenAReusedReferenceCarriesAnotherTotal() {
        reassembler.offer(KEY, 3, 1, OctetString.ascii("a"), 0);
        assertThat(reassembler.offer(KEY, 2, 1, OctetString.ascii("x"), 1))
                .isEqualTo(new Reassembler.Incomplete(KEY, 1, 2));
        assertThat(dropped).containsExactly(new Reassembler.Dropped(KEY, Reassembler.DropReason.SUPERSEDED, 1, 3));
    }

    @Test
    void rejectsImpossibleSequenceNumbers() {
        assertThat(reassembler.offer(KEY, 2, 3, OctetString.ascii("a"), 0))
                .isEqualTo(new Reassembler.Rejected(KEY, "sequence: 3 (expected: 1..2)"));
        assertThat(reassembler.offer(KEY, 0, 1, OctetString.ascii("a"), 0))
                .isEqualTo(new Reassembler.Rejected(KEY, "total: 0 (expected: 1..255)"));
        assertThat(reassembler.pendingMessages()).isZero();
    }

    @Test
    void reassemblesWhatTheSegmenterSplit() {
        String text = "€uro {curly} ".repeat(30);
        Segmentation.Segmented segmented = SegmenterTest.segmented(text, Gsm7.DEFAULT, SegmentOptions.DEFAULTS);
        Reassembler roomy = new Reassembler(Reassembler.Config.DEFAULTS, dropped::add);
        Reassembler.Outcome outcome = null;
        List<Segment> parts = new ArrayList<>(segmented.segments());
        java.util.Collections.reverse(parts);
        for (Segment part : parts) {
            UserDataHeader.Parsed udh = (UserDataHeader.Parsed) UserDataHeader.parse(part.userData());
            Concatenated concat = udh.header().concatenated().orElseThrow();
            outcome = roomy.offer(new Reassembler.Key("a", "b", concat.reference()), concat.total(), concat.sequence(),
                    part.userData().slice(udh.length(), part.userData().length()), 0);
        }
        assertThat(Gsm7.DEFAULT.decode(((Reassembler.Complete) outcome).joined())).isEqualTo(text);
    }
}
