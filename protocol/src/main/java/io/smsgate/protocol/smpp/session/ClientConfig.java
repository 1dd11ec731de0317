package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.pdu.Bind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One outgoing SMPP bind: the MC's address, the bind PDU to send (its sequence_number is replaced; its password is
 * masked in {@code toString}), session timers, codec limits, TCP connect timeout and, for TLS, the client
 * {@link SslContext} (the MC's certificate must name {@code remote}'s host).
 */
public record ClientConfig(InetSocketAddress remote, Bind bind, SessionConfig session, PduLimits limits,
        Duration connectTimeout, Optional<SslContext> tls) {

    public ClientConfig {
        requireNonNull(remote, "remote");
        requireNonNull(bind, "bind");
        requireNonNull(session, "session");
        requireNonNull(limits, "limits");
        Durations.positive("smpp.client.connect-timeout", connectTimeout);
        requireNonNull(tls, "tls");
    }

    /** Plain TCP, default timers and limits, 10 s connect timeout (cloudhopper's default). */
    public static ClientConfig of(InetSocketAddress remote, Bind bind) {
        return new ClientConfig(remote, bind, SessionConfig.DEFAULTS, PduLimits.DEFAULTS, Duration.ofSeconds(10),
                Optional.empty());
    }

    public ClientConfig withSession(SessionConfig session) {
        return new ClientConfig(remote, bind, session, limits, connectTimeout, tls);
    }

    public ClientConfig withTls(SslContext tls) {
        return new ClientConfig(remote, bind, session, limits, connectTimeout, Optional.of(tls));
    }
}
