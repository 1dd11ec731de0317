package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where a simulated carrier's TLS certificate comes from (SMPP over TLS, as carriers offer it on a separate
 * port): generated at start, a PEM certificate chain with its PKCS#8 key, or a PKCS#12 key store.
 */
public sealed interface CarrierTls permits CarrierTls.SelfSigned, CarrierTls.Pem, CarrierTls.Pkcs12 {

    /** A self-signed certificate generated when the carrier starts, naming its host, localhost and 127.0.0.1. */
    record SelfSigned() implements CarrierTls {
    }

    /** A PEM certificate (chain) and its PEM private key. */
    record Pem(Path certificate, Path privateKey) implements CarrierTls {
        public Pem {
            requireNonNull(certificate, "certificate");
            requireNonNull(privateKey, "privateKey");
        }
    }

    /** A PKCS#12 key store holding one key entry; the password is masked in {@code toString}. */
    record Pkcs12(Path keyStore, String password) implements CarrierTls {
        public Pkcs12 {
            requireNonNull(keyStore, "keyStore");
            requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Pkcs12[keyStore=" + keyStore + ", password=***]";
        }
    }
}
