package io.smsgate.protocol.smpp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.smsgate.protocol.smpp.codec.ExceptionHandler;
import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.codec.SmppCodec;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Builds the handler chain of an SMPP channel: [TLS], flush consolidation, codec, session, exception handler. */
final class SessionPipeline {

    static final String TLS = "smpp-tls";
    static final String FLUSH = "smpp-flush";

    /** Flushes that may be held back while reads are in progress before one is passed on. */
    private static final int FLUSH_AFTER = 256;

    private SessionPipeline() {
    }

    static void install(Channel channel, Optional<SslContext> tls, Optional<InetSocketAddress> server,
            PduLimits limits, SessionHandler session) {
        ChannelPipeline pipeline = channel.pipeline();
        tls.ifPresent(context -> pipeline.addLast(TLS, sslHandler(channel, context, server)));
        // One flush per read burst (responses) or per loop turn (requests from other threads), not one per PDU.
        pipeline.addLast(FLUSH, new FlushConsolidationHandler(FLUSH_AFTER, true));
        SmppCodec.install(pipeline, limits);
        pipeline.addLast(SessionHandler.NAME, session);
        pipeline.addLast(ExceptionHandler.NAME, ExceptionHandler.INSTANCE);
    }

    private static SslHandler sslHandler(Channel channel, SslContext context, Optional<InetSocketAddress> server) {
        SslHandler handler = server
                .map(address -> context.newHandler(channel.alloc(), address.getHostString(), address.getPort()))
                .orElseGet(() -> context.newHandler(channel.alloc()));
        SSLEngine engine = handler.engine();
        // Security bar §5.1: TLS 1.2 or 1.3 only, whatever the context would allow.
        String[] modern = Arrays.stream(engine.getEnabledProtocols())
                .filter(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"))
                .toArray(String[]::new);
        if (modern.length == 0) {
            throw new IllegalArgumentException("tls protocols: " + Arrays.toString(engine.getEnabledProtocols())
                    + " (expected: TLSv1.2 or TLSv1.3)");
        }
        engine.setEnabledProtocols(modern);
        if (server.isPresent()) {
            // the client checks that the certificate names the host it dialled
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
