package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TLS listener (ssmpp): binds over TLS 1.2+, refuses older protocol versions. */
@Timeout(60)
class TlsListenerIT {

    private static UpstreamFixture fixture;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        X509Bundle root = new CertificateBuilder().subject("CN=smsgate upstream test root")
                .setIsCertificateAuthority(true).algorithm(CertificateBuilder.Algorithm.ecp256).buildSelfSigned();
        X509Bundle leaf = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")
                .algorithm(CertificateBuilder.Algorithm.ecp256).buildIssuedBy(root);
        SslContext server = SslContextBuilder.forServer(leaf.getKeyPair().getPrivate(), leaf.getCertificatePath())
                .build();
        fixture = new UpstreamFixture("tls_listener_it",
                List.of(AccountConfig.of("secure", "secret1", List.of("127.0.0.1"))),
                config -> config.withTls(new InetSocketAddress("127.0.0.1", 0), server));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("root", root.getCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, factory.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private SSLSocket connect(String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1",
                fixture.server.tlsAddress().orElseThrow().getPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(protocols);
        return socket;
    }

    @Test
    void bindsOverTls12And13() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (SSLSocket socket = connect(protocol)) {
                socket.getOutputStream().write(RawClient.bindTransmitter(1, "secure", "secret1"));
                DataInputStream in = new DataInputStream(socket.getInputStream());
                in.readInt();
                assertThat(in.readInt()).isEqualTo(0x80000002);
                assertThat(in.readInt()).isZero();
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
            }
        }
    }

    @Test
    void refusesTls11() throws Exception {
        try (SSLSocket socket = connect("TLSv1.1")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
        }
    }
}
