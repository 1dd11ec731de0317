package io.smsgate.server.carrier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code carriers:} and {@code routes:} sections together: checked when the file loads (every value, unique
 * ids, routes naming only configured carriers) and turned into connector settings once the profiles are read.
 */
public final class Carriers {

    private Carriers() {
    }

    /**
     * Refuses what no carrier could run with, naming the key ({@code carriers[1].port: 0 (expected: 1..65535)},
     * {@code routes.44: 'x' (expected: a configured carrier: a, b)}). Profile names are checked by {@link #configs}.
     */
    public static void validate(List<CarrierEntry> carriers, Map<String, List<String>> routes) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < carriers.size(); i++) {
            CarrierEntry entry = carriers.get(i);
            build(entry, i, CarrierProfile.DEFAULTS);
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("carriers[" + i + "].id: '" + entry.id()
                        + "' (expected: unique, it is defined twice)");
            }
            if (!entry.profile().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                throw new IllegalArgumentException("carriers[" + i + "].profile: '" + entry.profile()
                        + "' (expected: a file name in config/carriers without .yaml)");
            }
        }
        for (Map.Entry<String, List<String>> route : routes.entrySet()) {
            if (!route.getKey().matches("[0-9]{0,15}")) {
                throw new IllegalArgumentException("routes." + route.getKey()
                        + ": prefix (expected: 0-15 digits of the destination, '' for every destination)");
            }
            if (route.getValue().isEmpty()) {
                throw new IllegalArgumentException("routes." + route.getKey() + ": [] (expected: at least one carrier)");
            }
            for (String carrier : route.getValue()) {
                if (!ids.contains(carrier)) {
                    throw new IllegalArgumentException("routes." + route.getKey() + ": '" + carrier
                            + "' (expected: a configured carrier: " + String.join(", ", new java.util.TreeSet<>(ids))
                            + ")");
                }
            }
        }
    }

    /** Each entry's connector settings, its profile looked up in {@code profiles}. */
    public static List<CarrierConfig> configs(List<CarrierEntry> carriers, CarrierProfiles profiles) {
        List<CarrierConfig> configs = new ArrayList<>(carriers.size());
        for (int i = 0; i < carriers.size(); i++) {
            CarrierEntry entry = carriers.get(i);
            int index = i;
            CarrierProfile profile = profiles.find(entry.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "carriers[" + index + "].profile: '" + entry.profile() + "' (expected: one of "
                            + profiles.names() + ")"));
            configs.add(build(entry, i, profile));
        }
        return List.copyOf(configs);
    }

    // CarrierConfig names its keys by carrier id ("carriers.a.port"); in the file an element is found by index.
    private static CarrierConfig build(CarrierEntry entry, int index, CarrierProfile profile) {
        try {
            return entry.toConfig(profile);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String byId = "carriers." + entry.id() + ".";
            String key = message.startsWith(byId) ? message.substring(byId.length())
                    : message.startsWith("carriers.") ? message.substring("carriers.".length()) : message;
            throw new IllegalArgumentException("carriers[" + index + "]." + key, e);
        }
    }
}
