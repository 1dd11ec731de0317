package io.smsgate.protocol.dlr;

import io.smsgate.protocol.OctetString;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing one receipt as the server does once per message: from short_message octets, with and without TLVs. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ReceiptParserBenchmark {

    @State(Scope.Benchmark)
    public static class Receipts {
        // SMPPCenter's example (reference §8.2): 12-digit dates, 20-digit id, text.
        final OctetString shortMessage = OctetString.ascii("id:64567564356765435676 sub:001 dlvrd:001 submit date:"
                + "190608165232 done date:190608165237 stat:DELIVRD err:000 text:Hello World");
        final ReceiptTlvs tlvs = ReceiptTlvs.of("64567564356765435676", 2);
        final DeliveryReceipt receipt = ((ReceiptParseResult.Parsed) ReceiptParser.parse(
                ReceiptTlvs.NONE, shortMessage, OctetString.EMPTY)).receipt();
    }

    @Benchmark
    public ReceiptParseResult parseText(Receipts receipts) {
        return ReceiptParser.parse(ReceiptTlvs.NONE, receipts.shortMessage, OctetString.EMPTY);
    }

    @Benchmark
    public ReceiptParseResult parseWithTlvs(Receipts receipts) {
        return ReceiptParser.parse(receipts.tlvs, receipts.shortMessage, OctetString.EMPTY);
    }

    @Benchmark
    public String format(Receipts receipts) {
        return ReceiptFormat.DEFAULTS.format(receipts.receipt);
    }
}
