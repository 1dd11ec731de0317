package io.smsgate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadWriterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty                          | ''
        digits                         | 447700900123
        NUL takes two octets           | a\u0000b
        last one-octet character       | \u007f
        first two-octet character      | \u0080
        last two-octet character       | \u07ff
        first three-octet character    | \u0800
        umlaut                         | Grüße
        emoji as a surrogate pair      | 😀
        lone high surrogate            | \ud83d
        """)
    void writesStringsAsDataOutputStreamDoes(String caseName, String value) throws IOException {
        PayloadWriter ours = new PayloadWriter(1);
        ours.writeUtf(value);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream reference = new DataOutputStream(bytes)) {
            reference.writeUTF(value);
        }
        assertThat(ours.toOctetString().toByteArray()).isEqualTo(bytes.toByteArray());
    }

    @Test
    void writesRandomRecordsAsDataOutputStreamDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        for (int round = 0; round < 2_000; round++) {
            PayloadWriter ours = new PayloadWriter(4);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream reference = new DataOutputStream(bytes)) {
                for (int field = random.nextInt(8); field >= 0; field--) {
                    switch (random.nextInt(6)) {
                        case 0 -> {
                            int value = random.nextInt();
                            ours.writeByte(value);
                            reference.writeByte(value);
                        }
                        case 1 -> {
                            int value = random.nextInt();
                            ours.writeShort(value);
                            reference.writeShort(value);
                        }
                        case 2 -> {
                            int value = random.nextInt();
                            ours.writeInt(value);
                            reference.writeInt(value);
                        }
                        case 3 -> {
                            long value = random.nextLong();
                            ours.writeLong(value);
                            reference.writeLong(value);
                        }
                        case 4 -> {
                            boolean value = random.nextBoolean();
                            ours.writeBoolean(value);
                            reference.writeBoolean(value);
                        }
                        default -> {
                            StringBuilder text = new StringBuilder();
                            for (int i = random.nextInt(30); i > 0; i--) {
                                int bound = random.nextBoolean() ? 0x100 : 0x10000;
                                text.append((char) random.nextInt(bound));
                            }
                            ours.writeUtf(text.toString());
                            reference.writeUTF(text.toString());
                        }
                    }
                }
            }
            assertThat(ours.toOctetString().toByteArray()).as("round %d", round).isEqualTo(bytes.toByteArray());
        }
    }

    @Test
    void refusesAStringLongerThanItsLengthFieldCounts() {
        PayloadWriter writer = new PayloadWriter(8);

        assertThatThrownBy(() -> writer.writeUtf("é".repeat(40_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outbox payload string: 80000 octets in modified UTF-8 (expected: <= 65535)");
    }
}
