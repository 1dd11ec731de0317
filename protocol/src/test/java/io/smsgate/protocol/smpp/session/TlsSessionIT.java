package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.ssl.SslConfiguration;
import com.cloudhopper.smpp.type.Address;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SMPP over TLS 1.2+ (security bar §5.1): our client and a Cloudhopper client against our TLS server. */
class TlsSessionIT {

    private static X509Bundle root;
    private static SmppTransport transport;
    private static OurServer server;

    @BeforeAll
    static void start() throws Exception {
        root = new CertificateBuilder().subject("CN=smsgate test root").setIsCertificateAuthority(true)
                .algorithm(CertificateBuilder.Algorithm.ecp256).buildSelfSigned();
        X509Bundle leaf = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1").algorithm(CertificateBuilder.Algorithm.ecp256).buildIssuedBy(root);
        SslContext tls = SslContextBuilder.forServer(leaf.getKeyPair().getPrivate(), leaf.getCertificatePath())
                .protocols("TLSv1.3", "TLSv1.2").build();
        transport = SmppTransport.create("tls-it", 1);
        server = new OurServer(transport, SessionConfig.DEFAULTS.withSessionInitTimeout(Duration.ofSeconds(5)),
                Optional.of(tls));
    }

    @AfterAll
    static void stop() {
        server.close();
        transport.close();
    }

    private static ClientConfig client(SslContext tls) {
        return ClientConfig.of(new InetSocketAddress("127.0.0.1", server.port()), new Bind(0, BindType.TRX,
                OurServer.SYSTEM_ID, OurServer.PASSWORD, "", InterfaceVersion.V34,
                io.smsgate.protocol.smpp.pdu.Address.EMPTY)).withTls(tls);
    }

    @Test
    void ourClientBindsSubmitsAndReceivesOverTls() throws Exception {
        SslContext trusting = SslContextBuilder.forClient().trustManager(root.getCertificate()).build();
        CompletableFuture<DeliverSm> delivered = new CompletableFuture<>();
        SmppSession ours = new SmppClient(transport).bind(client(trusting), (session, request) -> {
            delivered.complete((DeliverSm) request);
            // an error status travels back as a value: ESME_RX_T_APPN asks the MC to retry later
            return CompletableFuture.completedFuture(request.reject(
                    io.smsgate.protocol.smpp.pdu.CommandStatus.ESME_RX_T_APPN));
        }, SessionListener.NONE).get(5, TimeUnit.SECONDS);
        SmppSession serverSide = server.nextBound();

        SubmitSmResp resp = (SubmitSmResp) ours.send(new SubmitSm(0, Pdus.MESSAGE)).get(5, TimeUnit.SECONDS);
        assertThat(resp.messageId()).isEqualTo("msg-" + resp.sequenceNumber());
        assertThat(serverSide.send(new DeliverSm(0, Pdus.MESSAGE)).get(5, TimeUnit.SECONDS).commandStatus())
                .isEqualTo(io.smsgate.protocol.smpp.pdu.CommandStatus.ESME_RX_T_APPN);
        assertThat(delivered.get(5, TimeUnit.SECONDS).message().shortMessage())
                .isEqualTo(OctetString.ascii("hello"));

        ours.unbind().get(5, TimeUnit.SECONDS);
        serverSide.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void ourClientRefusesAServerItDoesNotTrust() throws Exception {
        X509Bundle stranger = new CertificateBuilder().subject("CN=stranger").setIsCertificateAuthority(true)
                .algorithm(CertificateBuilder.Algorithm.ecp256).buildSelfSigned();
        SslContext distrusting = SslContextBuilder.forClient().trustManager(stranger.getCertificate()).build();

        CompletableFuture<SmppSession> bound = new SmppClient(transport).bind(client(distrusting),
                (session, request) -> CompletableFuture.completedFuture(request.reject(
                        io.smsgate.protocol.smpp.pdu.CommandStatus.ESME_RSYSERR)), SessionListener.NONE);

        assertThat(bound).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(SessionException.class)
                .satisfies(e -> assertThat(((SessionException) e).reason())
                        .isEqualTo(SessionException.Reason.CONNECT_FAILED));
    }

    @Test
    void cloudhopperClientSubmitsOverTls(@TempDir Path dir) throws Exception {
        Path trustStore = dir.resolve("trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root.getCertificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "changeit".toCharArray());
        }
        SslConfiguration ssl = new SslConfiguration();
        ssl.setTrustStorePath(trustStore.toString());
        ssl.setTrustStorePassword("changeit");
        ssl.setTrustStoreType("PKCS12");
        // Cloudhopper's SslContextFactory insists on a key store with a key even on the client side; our server
        // does not ask for client certificates, so this one is never sent
        Path keyStore = dir.resolve("client.p12");
        X509Bundle clientCertificate = new CertificateBuilder().subject("CN=cloudhopper client")
                .algorithm(CertificateBuilder.Algorithm.ecp256).buildIssuedBy(root);
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            clientCertificate.toKeyStore("changeit".toCharArray()).store(out, "changeit".toCharArray());
        }
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword("changeit");
        ssl.setKeyManagerPassword("changeit");
        ssl.setKeyStoreType("PKCS12");
        // both switches only add revocation checks (no CRL/OCSP for a test root); the server's chain is still
        // checked against the trust store by the JDK's trust manager
        ssl.setValidateCerts(false);
        ssl.setValidatePeerCerts(false);
        ssl.setIncludeProtocols("TLSv1.2");
        SmppSessionConfiguration config = CloudhopperClientIT.configuration(SmppBindType.TRANSMITTER, server.port());
        config.setUseSsl(true);
        config.setSslConfiguration(ssl);
        ExecutorService executor = Executors.newCachedThreadPool();
        DefaultSmppClient client = new DefaultSmppClient(executor, 1);
        try {
            com.cloudhopper.smpp.SmppSession theirs = client.bind(config, new DefaultSmppSessionHandler());
            com.cloudhopper.smpp.pdu.SubmitSm submit = new com.cloudhopper.smpp.pdu.SubmitSm();
            submit.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900001"));
            submit.setDestAddress(new Address((byte) 1, (byte) 1, "447700900002"));
            submit.setShortMessage(CharsetUtil.encode("over tls", CharsetUtil.CHARSET_GSM));

            assertThat(theirs.submit(submit, 5000).getCommandStatus()).isEqualTo(SmppConstants.STATUS_OK);
            theirs.unbind(5000);
            theirs.destroy();
        } finally {
            client.destroy();
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
