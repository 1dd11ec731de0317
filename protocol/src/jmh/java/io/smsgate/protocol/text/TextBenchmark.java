package io.smsgate.protocol.text;

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

/** GSM-7 encoding of one 160-character text, and segmentation of a 1,000-character UCS-2 text. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TextBenchmark {

    @State(Scope.Benchmark)
    public static class Texts {
        /** 160 characters of the default alphabet with two extension characters, as a real notice reads. */
        final String gsm160 = ("Your code is 493817. It expires in 10 minutes; never share it {ref: A-77}. "
                + "Balance: 12.50€ - reply STOP to opt out. Thanks for choosing us today, see you soon!")
                .repeat(2).substring(0, 160);
        /** The same without extension characters: one septet per character, the common case. */
        final String plain160 = gsm160.replace('{', '(').replace('}', ')').replace('€', 'E');
        final String ucs1000;
        final SegmentOptions options = SegmentOptions.DEFAULTS;
        final ReferenceGenerator references = ReferenceGenerator.counter(1);

        public Texts() {
            StringBuilder text = new StringBuilder(1000);
            String sentence = "Привет! Ваш заказ №4812 доставлен 👍🏽 Спасибо, что выбрали нас 🇷🇺. ";
            while (text.length() < 1000) {
                text.append(sentence);
            }
            text.setLength(1000);
            if (Character.isHighSurrogate(text.charAt(999))) {
                text.setCharAt(999, '.');
            }
            ucs1000 = text.toString();
        }
    }

    @Benchmark
    public OctetString gsm7EncodeUnpacked160(Texts texts) {
        return Gsm7.DEFAULT.encode(texts.gsm160);
    }

    @Benchmark
    public OctetString gsm7EncodeUnpackedPlain160(Texts texts) {
        return Gsm7.DEFAULT.encode(texts.plain160);
    }

    @Benchmark
    public OctetString gsm7EncodePacked160(Texts texts) {
        return Gsm7.DEFAULT.encodePacked(texts.gsm160);
    }

    @Benchmark
    public Segmentation ucs2Segment1000(Texts texts) {
        return Segmenter.segment(texts.ucs1000, Ucs2.INSTANCE, texts.options, texts.references);
    }
}
