package io.smsgate.protocol.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns one frame into a {@link io.smsgate.protocol.smpp.pdu.Pdu} or a
 * {@link io.smsgate.protocol.smpp.pdu.MalformedPdu}; the values are copied to the heap, nothing reference-counted
 * goes further up the pipeline.
 */
public final class PduDecoder extends MessageToMessageDecoder<ByteBuf> {

    public static final String NAME = "smpp-pdu-decoder";

    public PduDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(PduCodec.decode(frame));
    }
}
