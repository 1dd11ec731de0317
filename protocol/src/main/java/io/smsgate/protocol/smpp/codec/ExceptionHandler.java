package io.smsgate.protocol.smpp.codec;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of an SMPP pipeline. Lost framing (command_length below 16 or above the maximum, SMPP 3.4 §3.2) is
 * answered with generic_nack ESME_RINVCMDLEN, sequence_number 0 (the header is unusable), then the connection closes;
 * any other failure is logged once and closes only this connection.
 */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "smpp-exception-handler";
    public static final ExceptionHandler INSTANCE = new ExceptionHandler();

    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);
    private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf(ExceptionHandler.class, "failed");

    private ExceptionHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().attr(FAILED).setIfAbsent(Boolean.TRUE) != null) {
            return; // already answered and closing: one line per connection, not one per buffered byte
        }
        Throwable framing = framingError(cause);
        if (framing != null) {
            log.info("smpp framing lost remote={} reason={}", ctx.channel().remoteAddress(), framing.getMessage());
            ctx.writeAndFlush(new GenericNack(0, CommandStatus.ESME_RINVCMDLEN))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (cause instanceof IOException) {
            log.debug("smpp connection failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            log.error("smpp pipeline failed remote={}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private static Throwable framingError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CorruptedFrameException || t instanceof TooLongFrameException) {
                return t;
            }
        }
        return null;
    }
}
