package io.smsgate.protocol.dlr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass over a receipt's text (SMPP 3.4 Appendix B, {@code id:… sub:… dlvrd:… submit date:… done date:…
 * stat:… err:… text:…}) collecting what each field says and what could not be read.
 *
 * <p>The scan visits each character a bounded number of times and uses no regular expression, so its work
 * is linear in the input whatever a carrier sends. Fields may come in any order and keys in any case, with
 * or without the space inside {@code submit date} (OpenMarket writes {@code submitdate:}). {@code text:}
 * runs to the end, unless a word further on starts a field not seen yet, which then ends it (some carriers
 * put {@code text:} before {@code stat:}).
 */
final class ReceiptText {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_ERR_LENGTH = 16;
    static final int MAX_TEXT_LENGTH = 255;
    static final int MAX_KEY_LENGTH = 32;
    static final int MAX_VALUE_LENGTH = 64;
    static final int MAX_EXTRA_FIELDS = 16;
    static final int MAX_PROBLEMS = 8;
    private static final int MAX_COUNT_DIGITS = 9;
    /** Longer than any stat word ReceiptState knows ("UNDELIVERABLE"). */
    private static final int MAX_STAT_LENGTH = 13;
    private static final int QUOTE_LENGTH = 24;

    /** The fields of SMPP 3.4 Appendix B, matched ignoring case, spaces and underscores. */
    enum Key {
        ID("id"),
        SUB("sub"),
        DLVRD("dlvrd"),
        SUBMIT_DATE("submitdate"),
        DONE_DATE("donedate"),
        STAT("stat"),
        ERR("err"),
        TEXT("text");

        private static final Key[] VALUES = values();
        /** Longest region, separators included, that can still spell a key ("submit date" with some spacing). */
        private static final int MAX_REGION = 24;

        private final String canonical;

        Key(String canonical) {
            this.canonical = canonical;
        }

        /** The field {@code text[from, to)} names, or empty when it is none of the specification's. */
        static Optional<Key> of(CharSequence text, int from, int to) {
            return Optional.ofNullable(match(text, from, to));
        }

        private static Key match(CharSequence text, int from, int to) {
            if (to - from > MAX_REGION) {
                return null;
            }
            for (Key key : VALUES) {
                if (key.spelledBy(text, from, to)) {
                    return key;
                }
            }
            return null;
        }

        private boolean spelledBy(CharSequence text, int from, int to) {
            int k = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c <= ' ' || c == '_') {
                    continue;
                }
                if (k == canonical.length() || lower(c) != canonical.charAt(k)) {
                    return false;
                }
                k++;
            }
            return k == canonical.length();
        }
    }

    private final CharSequence in;
    private final int length;

    String id;
    int submitted = -1;
    int delivered = -1;
    ReceiptDate submitDate;
    ReceiptDate doneDate;
    ReceiptState state;
    String err;
    String text;
    final List<ReceiptField> extras = new ArrayList<>(0);
    final List<String> problems = new ArrayList<>(0);
    private int problemsLeftOut;
    private int seen;
    private boolean anyField;

    private ReceiptText(CharSequence in) {
        this.in = in;
        this.length = in.length();
    }

    static ReceiptText scan(CharSequence in) {
        ReceiptText receipt = new ReceiptText(in);
        receipt.scan();
        return receipt;
    }

    /** Whether at least one {@code key:value} field was found. */
    boolean anyField() {
        return anyField;
    }

    /** Problems found, bounded: beyond {@link #MAX_PROBLEMS} only a count is kept. */
    List<String> problems() {
        if (problemsLeftOut == 0) {
            return problems;
        }
        List<String> all = new ArrayList<>(problems);
        all.add("and " + problemsLeftOut + " more problems");
        return all;
    }

    private void scan() {
        // Words without a colon wait here: one may be the first half of "submit date:" / "done date:".
        int pendingStart = -1;
        int pendingEnd = -1;
        int i = 0;
        while (true) {
            i = skipSpace(i);
            if (i >= length) {
                break;
            }
            int wordStart = i;
            while (i < length && in.charAt(i) > ' ' && in.charAt(i) != ':') {
                i++;
            }
            if (i >= length || in.charAt(i) != ':') {
                while (i < length && in.charAt(i) > ' ') {
                    i++;
                }
                if (pendingStart >= 0) {
                    stray(pendingStart, pendingEnd);
                }
                pendingStart = wordStart;
                pendingEnd = i;
                continue;
            }
            int keyEnd = i;
            Key key = null;
            if (pendingStart >= 0) {
                key = Key.match(in, pendingStart, keyEnd);
                if (key != null) {
                    wordStart = pendingStart;
                } else {
                    stray(pendingStart, pendingEnd);
                }
                pendingStart = -1;
            }
            if (key == null) {
                key = Key.match(in, wordStart, keyEnd);
            }
            i = keyEnd + 1;
            anyField = true;
            if (key == Key.TEXT) {
                i = text(i);
                continue;
            }
            int valueStart = i;
            int valueEnd = wordEnd(i);
            i = valueEnd;
            if (valueStart == valueEnd) {
                // "id: 12345": the value is the next word, unless that word starts a field of its own
                // ("err: text:…", "id: submit date:…").
                int next = skipSpace(i);
                int nextEnd = wordEnd(next);
                if (next < nextEnd && indexOfColon(next, nextEnd) < 0 && keyStartingAt(next, nextEnd) == null) {
                    valueStart = next;
                    valueEnd = nextEnd;
                    i = nextEnd;
                }
            }
            if (key == null) {
                extra(wordStart, keyEnd, valueStart, valueEnd);
            } else {
                field(key, valueStart, valueEnd);
            }
        }
        if (pendingStart >= 0) {
            stray(pendingStart, pendingEnd);
        }
    }

    /** Reads {@code text:} from {@code from}; returns where the scan goes on. */
    private int text(int from) {
        if (!firstSighting(Key.TEXT)) {
            return length;
        }
        int start = skipSpace(from);
        int end = length;
        int resume = length;
        int i = start;
        int previousWordEnd = start;
        while (i < length) {
            int wordStart = i;
            int wordEnd = wordEnd(i);
            if (wordStart > start && startsUnseenField(wordStart, wordEnd)) {
                end = previousWordEnd;
                resume = wordStart;
                break;
            }
            previousWordEnd = wordEnd;
            i = skipSpace(wordEnd);
        }
        while (end > start && in.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start > MAX_TEXT_LENGTH) {
            problem("text: " + (end - start) + " characters (kept the first " + MAX_TEXT_LENGTH + ")");
            end = start + MAX_TEXT_LENGTH;
            if (Character.isHighSurrogate(in.charAt(end - 1))) {
                end--;
            }
        }
        String value = in.subSequence(start, end).toString();
        // Nexmo writes "text:none" when it keeps no text.
        if (!value.isEmpty() && !value.equalsIgnoreCase("none")) {
            text = value;
        }
        return resume;
    }

    /** Whether {@code [from, to)} begins a field of the specification that has not been seen yet. */
    private boolean startsUnseenField(int from, int to) {
        Key key = keyStartingAt(from, to);
        return key != null && key != Key.TEXT && (seen & 1 << key.ordinal()) == 0;
    }

    /** The field of the specification whose key starts with the word {@code [from, to)}, or null. */
    private Key keyStartingAt(int from, int to) {
        int colon = indexOfColon(from, to);
        if (colon >= 0) {
            return Key.match(in, from, colon);
        }
        // "submit date:" / "done date:" spread over this word and the next.
        int next = skipSpace(to);
        int nextEnd = wordEnd(next);
        int nextColon = next < nextEnd ? indexOfColon(next, nextEnd) : -1;
        return nextColon > next ? Key.match(in, from, nextColon) : null;
    }

    private void field(Key key, int from, int to) {
        if (!firstSighting(key)) {
            return;
        }
        switch (key) {
            case ID -> {
                if (from == to) {
                    problem("id: empty");
                } else if (to - from > MAX_ID_LENGTH) {
                    problem("id: " + (to - from) + " characters (expected: at most " + MAX_ID_LENGTH + ")");
                } else {
                    id = in.subSequence(from, to).toString();
                }
            }
            case SUB -> submitted = count(key, from, to);
            case DLVRD -> delivered = count(key, from, to);
            case SUBMIT_DATE -> submitDate = date(key, from, to);
            case DONE_DATE -> doneDate = date(key, from, to);
            case STAT -> {
                Optional<ReceiptState> known = to - from <= MAX_STAT_LENGTH
                        ? ReceiptState.fromStatWord(in.subSequence(from, to).toString())
                        : Optional.empty();
                if (known.isPresent()) {
                    state = known.get();
                } else if (from < to) {
                    // Kannel counts any word it does not know as a failure; UNKNOWN is the final state
                    // that says as much without guessing which failure.
                    state = ReceiptState.UNKNOWN;
                    problem("stat: " + quote(from, to) + " (expected: DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD,"
                            + " UNKNOWN, REJECTD, ENROUTE…; taken as UNKNOWN)");
                } else {
                    problem("stat: empty");
                }
            }
            case ERR -> {
                if (from == to) {
                    problem("err: empty");
                } else if (to - from > MAX_ERR_LENGTH) {
                    problem("err: " + quote(from, to) + " (expected: at most " + MAX_ERR_LENGTH + " characters)");
                } else {
                    err = in.subSequence(from, to).toString();
                }
            }
            case TEXT -> throw new IllegalStateException("text: read by text(int)");
        }
    }

    private void extra(int keyFrom, int keyTo, int from, int to) {
        if (keyFrom == keyTo) {
            problem("field without a key: " + quote(from, to));
        } else if (keyTo - keyFrom > MAX_KEY_LENGTH || to - from > MAX_VALUE_LENGTH) {
            problem("field " + quote(keyFrom, keyTo) + ": longer than " + MAX_KEY_LENGTH + " (key) or "
                    + MAX_VALUE_LENGTH + " (value) characters");
        } else if (extras.size() == MAX_EXTRA_FIELDS) {
            problem("field " + quote(keyFrom, keyTo) + ": more than " + MAX_EXTRA_FIELDS + " unknown fields");
        } else {
            extras.add(new ReceiptField(in.subSequence(keyFrom, keyTo).toString(),
                    in.subSequence(from, to).toString()));
        }
    }

    private int count(Key key, int from, int to) {
        if (from == to || to - from > MAX_COUNT_DIGITS || !digits(from, to)) {
            problem(name(key) + ": " + quote(from, to) + " (expected: 1.." + MAX_COUNT_DIGITS + " decimal digits)");
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (in.charAt(i) - '0');
        }
        return value;
    }

    private ReceiptDate date(Key key, int from, int to) {
        Optional<ReceiptDate> date = ReceiptDate.parse(in, from, to);
        if (date.isEmpty()) {
            problem(name(key) + ": " + quote(from, to)
                    + " (expected: a date as YYMMDDhhmm, YYMMDDhhmmss or yyyyMMddHHmmss)");
        }
        return date.orElse(null);
    }

    private boolean firstSighting(Key key) {
        int bit = 1 << key.ordinal();
        if ((seen & bit) != 0) {
            problem(name(key) + ": repeated (kept the first)");
            return false;
        }
        seen |= bit;
        return true;
    }

    private void stray(int from, int to) {
        problem("not a key:value field: " + quote(from, to));
    }

    private void problem(String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else {
            problemsLeftOut++;
        }
    }

    private boolean digits(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = in.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private int skipSpace(int i) {
        while (i < length && in.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    private int wordEnd(int i) {
        while (i < length && in.charAt(i) > ' ') {
            i++;
        }
        return i;
    }

    private int indexOfColon(int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    /** The value as quoted in a problem, cut short: a hostile receipt must not flood the logs. */
    private String quote(int from, int to) {
        if (to - from <= QUOTE_LENGTH) {
            return "'" + in.subSequence(from, to) + "'";
        }
        return "'" + in.subSequence(from, from + QUOTE_LENGTH) + "…' (" + (to - from) + " characters)";
    }

    private static String name(Key key) {
        return switch (key) {
            case ID -> "id";
            case SUB -> "sub";
            case DLVRD -> "dlvrd";
            case SUBMIT_DATE -> "submit date";
            case DONE_DATE -> "done date";
            case STAT -> "stat";
            case ERR -> "err";
            case TEXT -> "text";
        };
    }

    /**
     * Whether {@code value} stays one word in receipt text: no character up to {@code ' '} (spaces, C0
     * controls, NUL), the characters the scan separates words on.
     */
    static boolean isWord(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) <= ' ') {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
