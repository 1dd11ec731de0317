package io.smsgate.server.upstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, so
 * that the parameters travel with each hash and can be raised later ({@link #needsRehash}). Security bar §5.1.
 *
 * @param memoryKib memory cost in KiB (OWASP's minimum for Argon2id: 19456 with t=2)
 * @param iterations time cost
 * @param parallelism lanes
 */
public record PasswordHasher(int memoryKib, int iterations, int parallelism) {

    /** OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1. */
    public static final PasswordHasher DEFAULTS = new PasswordHasher(19_456, 2, 1);

    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;
    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public PasswordHasher {
        // The upper bounds are the ones verify() accepts from a stored hash: a hash made beyond them never verifies.
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("smpp.password-hash.parallelism: " + parallelism + " (expected: 1.."
                    + MAX_PARALLELISM + ")");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("smpp.password-hash.iterations: " + iterations + " (expected: 1.."
                    + MAX_ITERATIONS + ")");
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("smpp.password-hash.memory-kib: " + memoryKib + " (expected: "
                    + 8 * parallelism + ".." + MAX_MEMORY_KIB + ", at least 8 × parallelism)");
        }
    }

    /** A new salted hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_LENGTH);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} matches {@code encoded}; false for a wrong password or an unreadable hash. */
    public boolean verify(String password, String encoded) {
        Optional<Encoded> parsed = Encoded.parse(encoded);
        if (parsed.isEmpty()) {
            return false;
        }
        Encoded e = parsed.get();
        byte[] actual = derive(password, e.salt, e.memoryKib, e.iterations, e.parallelism, e.hash.length);
        return MessageDigest.isEqual(actual, e.hash);
    }

    /** True when {@code encoded} was made with weaker parameters than ours (rehash it at the next good bind). */
    public boolean needsRehash(String encoded) {
        return Encoded.parse(encoded)
                .map(e -> e.memoryKib < memoryKib || e.iterations < iterations || e.parallelism != parallelism)
                .orElse(true);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static final class Encoded {
        final int memoryKib;
        final int iterations;
        final int parallelism;
        final byte[] salt;
        final byte[] hash;

        private Encoded(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
            this.memoryKib = memoryKib;
            this.iterations = iterations;
            this.parallelism = parallelism;
            this.salt = salt;
            this.hash = hash;
        }

        // $argon2id$v=19$m=..,t=..,p=..$salt$hash; caps keep a hostile row from costing unbounded memory or time.
        static Optional<Encoded> parse(String encoded) {
            String[] fields = encoded.split("\\$", -1);
            if (fields.length != 6 || !fields[0].isEmpty() || !fields[1].equals("argon2id")
                    || !fields[2].equals("v=19")) {
                return Optional.empty();
            }
            try {
                int m = -1;
                int t = -1;
                int p = -1;
                for (String pair : fields[3].split(",")) {
                    int eq = pair.indexOf('=');
                    int value = Integer.parseInt(pair.substring(eq + 1));
                    switch (pair.substring(0, eq)) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return Optional.empty();
                        }
                    }
                }
                byte[] salt = B64D.decode(fields[4]);
                byte[] hash = B64D.decode(fields[5]);
                if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_PARALLELISM
                        || salt.length < 8
                        || hash.length < 16 || hash.length > 64) {
                    return Optional.empty();
                }
                return Optional.of(new Encoded(m, t, p, salt, hash));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }
    }
}
