package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.config.ConfigException;
import io.smsgate.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The carrier profiles an operator keeps in config/carriers/: one YAML file per profile, named by its file name
 * without {@code .yaml}, each key a {@link CarrierProfile} component ({@code concatenation}, {@code reference-width},
 * {@code packing}, {@code data-coding-zero}, {@code ids.submit-resp}, {@code ids.receipt}, {@code multipart-receipts});
 * a missing key keeps {@link CarrierProfile#DEFAULTS}. {@value #DEFAULT} is always there (the defaults, unless a
 * file of that name overrides it). A bad file fails naming the file and the key.
 */
public final class CarrierProfiles {

    /** The profile every carrier gets when it names none. */
    public static final String DEFAULT = "default";

    private final Map<String, CarrierProfile> profiles;

    private CarrierProfiles(Map<String, CarrierProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /** Only {@value #DEFAULT}. */
    public static CarrierProfiles builtIn() {
        return new CarrierProfiles(Map.of(DEFAULT, CarrierProfile.DEFAULTS));
    }

    /** Every {@code *.yaml} under {@code directory} (none when it does not exist), plus {@value #DEFAULT}. */
    public static CarrierProfiles load(Path directory) {
        requireNonNull(directory, "directory");
        Map<String, CarrierProfile> found = new TreeMap<>();
        found.put(DEFAULT, CarrierProfile.DEFAULTS);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                found.put(name.substring(0, name.length() - ".yaml".length()),
                        ConfigLoader.load(file, CarrierProfile.class, Map.of()));
            }
        } catch (NoSuchFileException e) {
            return builtIn();
        } catch (IOException e) {
            throw new ConfigException(directory + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        return new CarrierProfiles(found);
    }

    public Optional<CarrierProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** Profile names, sorted. */
    public String names() {
        return String.join(", ", new TreeMap<>(profiles).keySet());
    }
}
