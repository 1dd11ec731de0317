package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises a compliance keyword in an MO. The whole message must be the keyword: it is NFKC-normalised (full-width
 * letters become ASCII), trimmed of white space and of the punctuation people add ("Stop.", "STOP!", "«stop»"), and
 * compared upper-cased (Locale.ROOT); "Stop sending me these" or "STOP 123" is not a keyword. Languages are tried in
 * configuration order; a word two languages share takes the first one's action and replies.
 */
final class Keywords {

    /** What a keyword asks for. */
    enum Action { STOP, STOP_ALL, START, HELP }

    /** A recognised keyword and the language whose replies answer it. */
    record Match(Action action, String language, KeywordSet set) {
        Match {
            requireNonNull(action, "action");
            requireNonNull(language, "language");
            requireNonNull(set, "set");
        }

        /** The auto-reply for this keyword, when one is configured (STOP_ALL answers as STOP). */
        Optional<String> reply() {
            String text = switch (action) {
                case STOP, STOP_ALL -> set.stopReply();
                case START -> set.startReply();
                case HELP -> set.helpReply();
            };
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
    }

    /** Longer than any keyword anyone configures: an MO longer than this is a conversation, not a keyword. */
    private static final int MAX_KEYWORD_LENGTH = 64;

    private final Map<String, Match> byWord = new HashMap<>();

    Keywords(Map<String, KeywordSet> languages) {
        languages.forEach((language, set) -> {
            add(set.stop(), new Match(Action.STOP, language, set));
            add(set.stopAll(), new Match(Action.STOP_ALL, language, set));
            add(set.start(), new Match(Action.START, language, set));
            add(set.help(), new Match(Action.HELP, language, set));
        });
    }

    private void add(Iterable<String> words, Match match) {
        for (String word : words) {
            byWord.putIfAbsent(normalize(word), match);
        }
    }

    /** The keyword {@code text} is, if it is one. */
    Optional<Match> match(String text) {
        if (text.length() > MAX_KEYWORD_LENGTH * 4) {
            return Optional.empty();
        }
        String word = normalize(text);
        return word.isEmpty() || word.length() > MAX_KEYWORD_LENGTH ? Optional.empty()
                : Optional.ofNullable(byWord.get(word));
    }

    /** NFKC, upper case, without surrounding white space and punctuation. */
    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        int from = 0;
        int to = folded.length();
        while (from < to && ignorable(folded.codePointAt(from))) {
            from += Character.charCount(folded.codePointAt(from));
        }
        while (to > from && ignorable(folded.codePointBefore(to))) {
            to -= Character.charCount(folded.codePointBefore(to));
        }
        return folded.substring(from, to);
    }

    private static boolean ignorable(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.OTHER_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.CONTROL, Character.FORMAT -> true;
            default -> false;
        };
    }
}
