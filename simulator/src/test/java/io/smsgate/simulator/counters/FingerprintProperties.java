package io.smsgate.simulator.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class FingerprintProperties {

    /** Fingerprint 0 is stored as 1 (0 marks an empty slot), so the property draws from 1 up. */
    @Property
    void aSetRemembersEveryFingerprintItAccepted(
            @ForAll @Size(max = 500) @UniqueElements List<@LongRange(min = 1) Long> fingerprints) {
        FingerprintSet set = new FingerprintSet(2048);
        for (long fingerprint : fingerprints) {
            assertThat(set.add(fingerprint)).isEqualTo(FingerprintSet.Result.ADDED);
        }
        for (long fingerprint : fingerprints) {
            assertThat(set.contains(fingerprint)).isTrue();
            assertThat(set.add(fingerprint)).isEqualTo(FingerprintSet.Result.PRESENT);
        }
    }

    @Property
    void fieldBoundariesMatter(@ForAll String a, @ForAll String b, @ForAll String text) {
        long joined = Fingerprint.ofContent(a + b, "", OctetString.ascii(text));
        long split = Fingerprint.ofContent(a, b, OctetString.ascii(text));
        if (!b.isEmpty()) {
            assertThat(joined).isNotEqualTo(split);
        }
    }

    @Property(tries = 20)
    void distinctMessagesRarelyCollide(@ForAll("seed") long seed) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Fingerprint.ofContent("+44770090" + seed, "+44770091" + i, OctetString.ascii("text " + i)));
        }
        assertThat(seen).hasSize(10_000);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seed() {
        return net.jqwik.api.Arbitraries.longs().between(0, 9999);
    }
}
