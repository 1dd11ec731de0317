package io.smsgate.simulator;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.smsgate.simulator.scenario.CarrierTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS for the simulated SMSC (server side, one context per carrier) and for the load generator (client side):
 * TLS 1.2 and 1.3 only, as the gateway's own listener; a carrier without a configured certificate generates a
 * self-signed one at start.
 */
public final class SimulatorTls {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String ALIAS = "smsc";

    private SimulatorTls() {
    }

    /** A carrier's server context and the certificate it presents (a client may trust exactly that one). */
    record Server(SslContext context, X509Certificate certificate) {
    }

    /** Builds the server context of a carrier listening on {@code host}; the message names the file on failure. */
    static Server server(CarrierTls tls, String host) {
        try {
            if (tls instanceof CarrierTls.Pem pem) {
                List<X509Certificate> chain = certificates(pem.certificate());
                SslContext context = SslContextBuilder.forServer(pem.certificate().toFile(), pem.privateKey().toFile())
                        .protocols(PROTOCOLS).build();
                return new Server(context, chain.get(0));
            }
            CarrierTls.Pkcs12 pkcs12 = tls instanceof CarrierTls.Pkcs12 p ? p : selfSigned(host);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pkcs12.keyStore())) {
                store.load(in, pkcs12.password().toCharArray());
            }
            String alias = keyAlias(store, pkcs12.keyStore());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, pkcs12.password().toCharArray());
            SslContext context = SslContextBuilder.forServer(keys).protocols(PROTOCOLS).build();
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            if (tls instanceof CarrierTls.SelfSigned) {
                Files.deleteIfExists(pkcs12.keyStore());
                Files.deleteIfExists(pkcs12.keyStore().getParent());
            }
            return new Server(context, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("tls: " + tls + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls: " + tls + ": " + e.getMessage(), e);
        }
    }

    private static String keyAlias(KeyStore store, Path file) throws GeneralSecurityException {
        List<String> aliases = new ArrayList<>();
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                aliases.add(alias);
            }
        }
        if (aliases.size() != 1) {
            throw new IllegalArgumentException("tls.pkcs12: " + file + " holds " + aliases.size()
                    + " key entries (expected: exactly 1)");
        }
        return aliases.get(0);
    }

    /** A fresh self-signed certificate in a temporary PKCS#12 file that the caller deletes once loaded. */
    private static CarrierTls.Pkcs12 selfSigned(String host) throws IOException {
        Path directory = Files.createTempDirectory("smsgate-sim-tls");
        Path keyStore = directory.resolve("carrier.p12");
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        generateSelfSigned(keyStore, password, host);
        return new CarrierTls.Pkcs12(keyStore, password);
    }

    /**
     * Writes a PKCS#12 key store with an EC P-256 key and a self-signed certificate (CN={@code host}, valid
     * 30 days) naming {@code host}, localhost and 127.0.0.1, with the JDK's keytool: the JDK has no public API
     * to sign a certificate.
     */
    public static void generateSelfSigned(Path keyStore, String password, String host) throws IOException {
        requireNonNull(keyStore, "keyStore");
        Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1"));
        if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
            names.add((host.matches("[0-9.]+") || host.contains(":") ? "ip:" : "dns:") + host);
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + host.replace(",", "\\,"),
                "-ext", "SAN=" + String.join(",", names), "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass:env", "SMSGATE_SIM_TLS_PASSWORD");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SMSGATE_SIM_TLS_PASSWORD", password);  // not on the command line: ps shows it
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + keytool + " to generate a self-signed certificate ("
                    + e.getMessage() + "); configure tls.pkcs12 or tls.certificate and tls.key instead", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while generating a self-signed certificate", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool exited with " + process.exitValue() + ": " + output.strip());
        }
    }

    /** A client context that trusts exactly the given certificates (e.g. a carrier's self-signed one). */
    public static SslContext clientTrusting(Collection<X509Certificate> trusted) {
        try {
            return SslContextBuilder.forClient().protocols(PROTOCOLS)
                    .trustManager(trusted.toArray(X509Certificate[]::new)).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("tls trust: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts the PEM certificates in {@code file}. */
    public static SslContext clientTrusting(Path file) {
        return clientTrusting(certificates(file));
    }

    /**
     * A client context that accepts any server certificate: encrypted but not authenticated, for rehearsals
     * against simulators with throw-away certificates. Never for a real carrier.
     */
    public static SslContext clientTrustingAnyCertificate() {
        try {
            return SslContextBuilder.forClient().protocols(PROTOCOLS)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("tls: " + e.getMessage(), e);
        }
    }

    /** The client-side handler; it checks that the certificate names {@code server}'s host (RFC 6125). */
    static SslHandler clientHandler(SslContext context, ByteBufAllocator allocator, InetSocketAddress server) {
        SslHandler handler = context.newHandler(allocator, server.getHostString(), server.getPort());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }

    /** Reads every certificate of a PEM file. */
    static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("tls certificate: " + file + " holds no certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("tls certificate: cannot read " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls certificate: " + file + ": " + e.getMessage()
                    + " (expected: PEM certificates)", e);
        }
    }

    /** A certificate as PEM text, to hand to a client that should trust it. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                            certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }
}
