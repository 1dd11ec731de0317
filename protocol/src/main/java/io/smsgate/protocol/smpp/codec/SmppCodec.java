package io.smsgate.protocol.smpp.codec;

import io.netty.channel.ChannelPipeline;

/** Installs the SMPP codec handlers; the session layer adds its handlers after them and {@link ExceptionHandler} last. */
public final class SmppCodec {

    private SmppCodec() {
    }

    /** Appends frame decoder, PDU decoder and PDU encoder to {@code pipeline}. */
    public static void install(ChannelPipeline pipeline, PduLimits limits) {
        pipeline.addLast(PduFrameDecoder.NAME, new PduFrameDecoder(limits.maxPduLength()));
        pipeline.addLast(PduDecoder.NAME, new PduDecoder());
        pipeline.addLast(PduEncoder.NAME, PduEncoder.INSTANCE);
    }
}
