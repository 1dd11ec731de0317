package io.smsgate.protocol.smpp.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.smsgate.protocol.smpp.pdu.Pdu;
import java.util.List;

/** Writes a {@link Pdu} into one exactly sized buffer. Stateless: one instance serves every channel. */
@ChannelHandler.Sharable
public final class PduEncoder extends MessageToMessageEncoder<Pdu> {

    public static final String NAME = "smpp-pdu-encoder";
    public static final PduEncoder INSTANCE = new PduEncoder();

    private PduEncoder() {
        super(Pdu.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pdu pdu, List<Object> out) {
        out.add(PduCodec.encode(ctx.alloc(), pdu));
    }
}
