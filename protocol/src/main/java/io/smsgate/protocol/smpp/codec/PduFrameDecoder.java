package io.smsgate.protocol.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Splits the byte stream into PDUs by command_length, which counts itself (SMPP 3.4 §3.2). A command_length below 16
 * or above the maximum fails fast with {@link CorruptedFrameException} or {@link TooLongFrameException}; framing is
 * then lost for good, so every later byte is dropped until {@link ExceptionHandler} has closed the connection.
 */
public final class PduFrameDecoder extends LengthFieldBasedFrameDecoder {

    public static final String NAME = "smpp-frame-decoder";

    private boolean framingLost;

    public PduFrameDecoder(int maxPduLength) {
        super(maxPduLength, 0, 4, -4, 0, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (framingLost) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        try {
            return super.decode(ctx, in);
        } catch (CorruptedFrameException | TooLongFrameException e) {
            framingLost = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long commandLength = buf.getUnsignedInt(offset);
        if (commandLength < PduLimits.HEADER_LENGTH) {
            throw new CorruptedFrameException("command_length: " + commandLength + " (expected: >= 16)");
        }
        return commandLength;
    }
}
