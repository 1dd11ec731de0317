package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One language's compliance keywords and auto-replies ({@code compliance.languages.<name>}). Keywords match a whole
 * MO, trimmed and case-insensitively (see {@link Keywords}); an empty reply sends none.
 *
 * @param stop opt the recipient out of the sender (or the account, with {@code opt-out-scope: account})
 * @param stopAll opt the recipient out of every sender of the account, whatever the scope
 * @param start opt the recipient back in
 * @param help answered with {@code helpReply}
 */
public record KeywordSet(List<String> stop, List<String> stopAll, List<String> start, List<String> help,
                         String stopReply, String startReply, String helpReply) {

    /** The CTIA / US carrier set, in English. */
    public static final KeywordSet ENGLISH = new KeywordSet(List.of("STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"),
            List.of("STOPALL"), List.of("START", "UNSTOP"), List.of("HELP"),
            "Unsubscribed: no more messages from this number. Reply START to resubscribe.",
            "You have been resubscribed. Reply STOP to unsubscribe.",
            "Reply STOP to unsubscribe, START to resubscribe.");

    public static final KeywordSet DEFAULTS = ENGLISH;

    public KeywordSet {
        stop = List.copyOf(stop);
        stopAll = List.copyOf(stopAll);
        start = List.copyOf(start);
        help = List.copyOf(help);
        requireNonNull(stopReply, "stopReply");
        requireNonNull(startReply, "startReply");
        requireNonNull(helpReply, "helpReply");
        for (List<String> words : List.of(stop, stopAll, start, help)) {
            for (String word : words) {
                if (Keywords.normalize(word).isEmpty()) {
                    throw new IllegalArgumentException("compliance.languages keyword: '" + word
                            + "' (expected: letters or digits)");
                }
            }
        }
    }
}
