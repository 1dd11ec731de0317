package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.smsgate.protocol.smpp.codec.PduLimits;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An SMPP listener: where it listens, the system_id it names itself in bind_resp (at most 15 characters, SMPP 3.4
 * §4.1.2), the session timers, codec limits and, for a TLS port, the server {@link SslContext}.
 */
public record ServerConfig(InetSocketAddress address, String systemId, SessionConfig session, PduLimits limits,
        Optional<SslContext> tls) {

    public ServerConfig {
        requireNonNull(address, "address");
        requireNonNull(systemId, "systemId");
        if (systemId.length() > 15) {
            throw new IllegalArgumentException("smpp.server.system-id: " + systemId.length()
                    + " characters (expected: <= 15)");
        }
        requireNonNull(session, "session");
        requireNonNull(limits, "limits");
        requireNonNull(tls, "tls");
    }

    /** Plain TCP with default timers and limits. */
    public static ServerConfig of(InetSocketAddress address, String systemId) {
        return new ServerConfig(address, systemId, SessionConfig.DEFAULTS, PduLimits.DEFAULTS, Optional.empty());
    }

    public ServerConfig withSession(SessionConfig session) {
        return new ServerConfig(address, systemId, session, limits, tls);
    }

    public ServerConfig withTls(SslContext tls) {
        return new ServerConfig(address, systemId, session, limits, Optional.of(tls));
    }
}
