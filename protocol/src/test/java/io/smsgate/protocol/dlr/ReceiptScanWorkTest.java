package io.smsgate.protocol.dlr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scan's work is linear in its input whatever the input is: counted in character reads, not timed, so
 * the test holds on a loaded machine. Each row repeats a fragment chosen to defeat a naive parser (a key
 * half that never completes, text words that look like fields, colons without keys).
 */
class ReceiptScanWorkTest {

    private static final int REPEATS = 20_000;
    /**
     * Reads allowed per input character. The worst rows measured 5.5 (": " re-reads each colon word after
     * peeking at it as a value) and 4.8 (text words checked as field starts); a quadratic scan would need
     * thousands.
     */
    private static final int READS_PER_CHARACTER = 8;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        stray words                 | ''                           | 'junk '
        key halves never completed  | ''                           | 'submit '
        two-word key halves         | ''                           | 'submit done '
        colons without keys         | ''                           | ': '
        bare colons                 | ''                           | ':'
        unknown fields              | ''                           | 'abc:def '
        repeated fields             | 'id:1 stat:DELIVRD '         | 'id:2 '
        text of field look-alikes   | 'id:1 stat:DELIVRD text:'    | 'submit id:x done '
        text of unseen key halves   | 'id:1 text:'                 | 'submit date '
        long runs of spaces         | 'id:1 '                      | '                    '
        one endless word            | 'id:'                        | 'xxxxxxxxxx'
        endless date digits         | 'id:1 stat:DELIVRD done date:' | '0123456789'
        """)
    void readsEachCharacterABoundedNumberOfTimes(String caseName, String prefix, String fragment) {
        CountingText text = new CountingText(prefix + fragment.repeat(REPEATS));

        ReceiptParser.parse(text);

        assertThat(text.reads).isLessThanOrEqualTo((long) READS_PER_CHARACTER * text.length());
    }

    /** A CharSequence that counts {@code charAt} calls. */
    private static final class CountingText implements CharSequence {
        private final String text;
        long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
