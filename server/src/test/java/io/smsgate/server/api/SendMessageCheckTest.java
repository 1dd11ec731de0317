package io.smsgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SendMessageCheck}'s hand-written matchers answer exactly as the contract's Recipient and Sender patterns
 * (held to the contract text by {@code InlineValidationTest}) matched against the whole value.
 */
class SendMessageCheckTest {

    private static final Pattern RECIPIENT = Pattern.compile(SendMessageCheck.RECIPIENT);
    private static final Pattern SENDER = Pattern.compile(SendMessageCheck.SENDER);
    // Every class of character the patterns tell apart, and some they refuse.
    private static final String ALPHABET = "+0123456789AZaz .&_-!\n\u00e9#";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        empty                       | ''
        plus alone                  | '+'
        5 digits                    | '12345'
        6 digits                    | '123456'
        6 digits after plus         | '+123456'
        leading zero                | '0123456'
        leading zero after plus     | '+0123456'
        15 digits                   | '123456789012345'
        16 digits                   | '1234567890123456'
        two plus signs              | '++123456'
        plus inside                 | '12+3456'
        3 digits                    | '123'
        2 digits                    | '12'
        16 digits after plus        | '+1234567890123456'
        11 letters                  | 'ACMEACMEACM'
        12 letters                  | 'ACMEACMEACME'
        every allowed sign          | 'A b.c&d_e-f'
        plus before letters         | '+ACME'
        exclamation                 | 'ACME!'
        accented letter             | 'caf\u00e9'
        space alone                 | ' '
        12 digits with a letter     | '12345678901A'
        """)
    void matchesAsThePatterns(String name, String value) {
        assertThat(SendMessageCheck.recipient(value)).as("recipient").isEqualTo(RECIPIENT.matcher(value).matches());
        assertThat(SendMessageCheck.sender(value)).as("sender").isEqualTo(SENDER.matcher(value).matches());
    }

    @Test
    void matchesAsThePatternsForManyValues() {
        Random random = new Random(6);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(19);
            // Mostly digits, so that the digit-count boundaries are reached often.
            for (int j = 0; j < length; j++) {
                value.append(random.nextInt(3) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String text = value.toString();
            assertThat(SendMessageCheck.recipient(text)).as("recipient %s", text)
                    .isEqualTo(RECIPIENT.matcher(text).matches());
            assertThat(SendMessageCheck.sender(text)).as("sender %s", text)
                    .isEqualTo(SENDER.matcher(text).matches());
        }
    }
}
