package io.smsgate.protocol.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.smsgate.protocol.smpp.pdu.Inbound;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decode and encode of a submit_sm carrying 160 GSM 03.38 characters, unpacked (160 octets of short_message). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class SubmitSmCodecBenchmark {

    @State(Scope.Thread)
    public static class Input {
        /** 160 septets "0123456789" x 16, one per octet. */
        static final String TEXT = "30313233343536373839".repeat(16);

        // command_length, command_id (submit_sm), command_status, sequence_number, service_type "",
        // source 1/1 "447700900001", destination 1/1 "447700900002", esm_class, protocol_id, priority_flag,
        // schedule_delivery_time "", validity_period "", registered_delivery 1, replace_if_present_flag,
        // data_coding 0, sm_default_msg_id, sm_length 160, short_message
        static final String WIRE = "000000d9 00000004 00000000 00000001 00 01 01 34343737303039303030303100"
                + " 01 01 34343737303039303030303200 00 00 00 00 00 01 00 00 00 a0 " + TEXT;

        ByteBuf frame;
        ByteBufAllocator alloc;
        SubmitSm submitSm;

        @Setup
        public void setUp() {
            byte[] wire = HexFormat.of().parseHex(WIRE.replace(" ", ""));
            frame = Unpooled.directBuffer(wire.length).writeBytes(wire);
            alloc = PooledByteBufAllocator.DEFAULT;
            submitSm = (SubmitSm) PduCodec.decode(frame.duplicate());
        }
    }

    @Benchmark
    public Inbound decode(Input input) {
        return PduCodec.decode(input.frame.duplicate());
    }

    @Benchmark
    public int encode(Input input) {
        ByteBuf encoded = PduCodec.encode(input.alloc, input.submitSm);
        int length = encoded.readableBytes();
        encoded.release();
        return length;
    }

    /** What one PDU costs on a connection: decode the request frame, encode it again into a pooled buffer. */
    @Benchmark
    public int decodeAndEncode(Input input) {
        Inbound decoded = PduCodec.decode(input.frame.duplicate());
        ByteBuf encoded = PduCodec.encode(input.alloc, (SubmitSm) decoded);
        int length = encoded.readableBytes();
        encoded.release();
        return length;
    }
}
