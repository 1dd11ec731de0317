package io.smsgate.routing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic but realistically shaped world for benchmarks: about 200 country codes of 1–3 digits (every carrier
 * prices every country at its country code), and distinct E.164 network/range prefixes of 3–9 digits under them,
 * each priced by one of the carriers.
 */
final class SyntheticDeck {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final List<String> countryCodes = new ArrayList<>();
    private final Set<String> countryCodeSet = new HashSet<>();
    final String[] prefixes;
    final int[] prefixCarrier;
    final int carriers;

    SyntheticDeck(int distinctPrefixes, int carriers, long seed) {
        this.carriers = carriers;
        Random random = new Random(seed);
        countryCodes.add("1");
        countryCodes.add("7");
        for (int cc = 20; cc <= 69; cc++) {
            countryCodes.add(Integer.toString(cc));
        }
        while (countryCodes.size() < 200) {
            String cc = Integer.toString(210 + random.nextInt(790));
            if (countryCodes.stream().noneMatch(cc::startsWith)) {
                countryCodes.add(cc);
            }
        }
        countryCodeSet.addAll(countryCodes);
        Set<String> seen = new HashSet<>(countryCodes);
        List<String> all = new ArrayList<>(distinctPrefixes);
        StringBuilder s = new StringBuilder();
        while (all.size() < distinctPrefixes) {
            String cc = countryCodes.get(random.nextInt(countryCodes.size()));
            int length = 3 + random.nextInt(7); // 3..9 digits in all
            if (length <= cc.length()) {
                continue;
            }
            s.setLength(0);
            s.append(cc);
            while (s.length() < length) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            String prefix = s.toString();
            if (seen.add(prefix)) {
                all.add(prefix);
            }
        }
        prefixes = all.toArray(String[]::new);
        prefixCarrier = new int[prefixes.length];
        for (int i = 0; i < prefixes.length; i++) {
            prefixCarrier[i] = random.nextInt(carriers);
        }
    }

    static String carrierId(int c) {
        return "carrier-" + c;
    }

    /** Every carrier's card: its country-code lines plus the prefixes assigned to it. */
    RoutingSnapshot snapshot(Random random) {
        List<List<RateLine>> lines = new ArrayList<>();
        for (int c = 0; c < carriers; c++) {
            List<RateLine> card = new ArrayList<>();
            for (String cc : countryCodes) {
                card.add(RateLine.prefix(cc, 5_000 + random.nextInt(100_000)).withCountry(cc));
            }
            lines.add(card);
        }
        for (int i = 0; i < prefixes.length; i++) {
            String prefix = prefixes[i];
            lines.get(prefixCarrier[i]).add(RateLine.prefix(prefix, 2_000 + random.nextInt(100_000))
                    .withCountry(countryOf(prefix)));
        }
        RoutingSnapshot.Builder builder = RoutingSnapshot.builder();
        for (int c = 0; c < carriers; c++) {
            builder.carrier(Carrier.of(carrierId(c)));
            builder.rateCard(RateCard.of(carrierId(c), "EUR", T0, lines.get(c)));
        }
        return builder.policy("lcr", AccountPolicy.of(new RoutePolicy.LeastCost(QualityFloor.NONE, 50_000)))
                .defaultPolicy("lcr").build();
    }

    String countryOf(String prefix) {
        for (int length = 1; length <= 3; length++) {
            String cc = prefix.substring(0, length);
            if (countryCodeSet.contains(cc)) {
                return cc;
            }
        }
        throw new IllegalStateException("no country for " + prefix);
    }

    /** Destinations of 11–12 digits: half under a known deep prefix, half random under a country code. */
    String[] destinations(int count, Random random) {
        String[] out = new String[count];
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.setLength(0);
            s.append(i % 2 == 0 ? prefixes[random.nextInt(prefixes.length)]
                    : countryCodes.get(random.nextInt(countryCodes.size())));
            int length = 11 + random.nextInt(2);
            while (s.length() < length) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            out[i] = s.toString();
        }
        return out;
    }

    /** Writes {@code lines} lines of one carrier's deck in the common CSV shape. */
    void writeCsv(Path file, int lines, Random random) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Prefix,Country,Network,Rate,Effective Date\n");
            for (int i = 0; i < lines; i++) {
                String prefix = prefixes[i % prefixes.length];
                out.write(prefix);
                out.write(",\"Country ");
                out.write(countryOf(prefix));
                out.write("\",Network ");
                out.write(Integer.toString(i % 97));
                out.write(",0.");
                out.write(String.format("%04d", random.nextInt(10_000)));
                out.write(i % 3 == 0 ? ",2026-02-01\n" : ",2026-01-01\n");
            }
        }
    }
}
