package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.text.EncodingChoice;
import io.smsgate.protocol.text.EncodingChooser;
import io.smsgate.protocol.text.EncodingOptions;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.protocol.text.TextEncoding;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.server.carrier.LoggingScheduler;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.pipeline.MoHook;
import io.smsgate.server.pipeline.ReleaseCheck;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.NewMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-out keywords, auto-replies and quiet hours (issue #6, "Two-way and compliance"). Both front ends ask
 * {@link #check} before storing (through {@link CompliantIngest}): a send to an opted-out recipient is refused, one
 * due inside quiet hours is held until the window opens. The opt-out list lives in memory, read from the
 * {@code opt_out} table at start and every {@code compliance.refresh-interval}; changes go to the table first. The
 * check is a hash lookup, safe on any thread; JDBC runs on this class's own bounded pool, never on a caller's.
 */
public final class Compliance implements MoHook, ReleaseCheck, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Compliance.class);
    private static final String SOURCE_KEYWORD = "keyword";
    /**
     * How long the same keyword from the same recipient to the same number is not answered again. A carrier resends
     * an MO whose deliver_sm_resp it did not get in time (the resend is the same STOP, not a new one); each resend
     * was confirmed again before. Minutes cover carrier retry schedules; the opt-out itself is recorded every time
     * (idempotently).
     */
    static final Duration REPLY_REPEAT_WINDOW = Duration.ofMinutes(10);
    /** Past this many conversations remembered, answers older than the window are dropped at once. */
    private static final int MAX_ANSWERS_REMEMBERED = 100_000;

    private final ComplianceConfig config;
    private final OptOutStore store;
    private final Keywords keywords;
    private final QuietHours quietHours;
    private final Clock clock;
    private final ThreadPoolExecutor jdbc;
    private final ScheduledExecutorService refresher;
    private final Object lock = new Object();
    /** system_id, recipient, sender ("" for the whole account), joined by '\n'. Swapped whole by a reload. */
    private volatile Set<String> optedOut = ConcurrentHashMap.newKeySet();
    /** Changes made while a reload reads the table, applied to its result before it is swapped in. */
    private List<Runnable> duringReload = null;
    private volatile Optional<Ingest> replies = Optional.empty();
    /** The last keyword answered per system_id, recipient and number (joined as {@link #key}), within the window. */
    private final ConcurrentHashMap<String, Answered> answered = new ConcurrentHashMap<>();

    private record Answered(Keywords.Action action, Instant at) {
    }

    private Compliance(ComplianceConfig config, OptOutStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.keywords = new Keywords(config.languages());
        this.quietHours = new QuietHours(config.quietHours());
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.jdbc = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), task -> {
            Thread thread = new Thread(task, "smsgate-compliance-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.refresher = LoggingScheduler.create("smsgate-compliance-refresh");
    }

    /** Reads the opt-out table (blocking: call before any listener opens) and reloads it periodically. */
    public static Compliance start(ComplianceConfig config, DataSource dataSource, Clock clock) {
        requireNonNull(config, "config");
        requireNonNull(dataSource, "dataSource");
        requireNonNull(clock, "clock");
        // An auto-reply that cannot be sent fails the start naming its key, not the first STOP.
        config.languages().forEach((language, set) -> {
            for (String reply : List.of("stop-reply", "start-reply", "help-reply")) {
                String text = switch (reply) {
                    case "stop-reply" -> set.stopReply();
                    case "start-reply" -> set.startReply();
                    default -> set.helpReply();
                };
                if (!text.isBlank()) {
                    encode("compliance.languages." + language + "." + reply, text);
                }
            }
        });
        Compliance compliance = new Compliance(config, new OptOutStore(dataSource), clock);
        compliance.reload();
        long every = config.refreshInterval().toMillis();
        compliance.refresher.scheduleWithFixedDelay(compliance::reloadQuietly, every, every, TimeUnit.MILLISECONDS);
        return compliance;
    }

    /** Sends auto-replies through {@code ingest} (the pipeline without this check: a STOP is always confirmed). */
    public void replyThrough(Ingest ingest) {
        this.replies = Optional.of(requireNonNull(ingest, "ingest"));
    }

    /** The command_status a submit_sm to an opted-out recipient is refused with. */
    public CommandStatus smppStatus() {
        return config.smppStatus();
    }

    // ---- the send check ---------------------------------------------------------------------------------------

    /** What the pipeline does with a submission: store it (perhaps held for quiet hours), or refuse it. */
    public sealed interface Verdict {
        /** Store {@code submission}: the client's, or with its not_before moved to the end of quiet hours. */
        record Allowed(Submission submission) implements Verdict {
            public Allowed {
                requireNonNull(submission, "submission");
            }
        }

        /** The recipient opted out: refuse, store and charge nothing. */
        record OptedOut(String detail) implements Verdict {
            public OptedOut {
                requireNonNull(detail, "detail");
            }
        }
    }

    /** Checks {@code submission} at {@code now}; never blocks. */
    public Verdict check(Submission submission, Instant now) {
        String recipient = OptOut.number(submission.destination().address());
        String sender = OptOut.number(submission.source().address());
        if (isOptedOut(submission.systemId(), recipient, sender)) {
            return new Verdict.OptedOut("to: " + recipient + " opted out of messages from " + sender);
        }
        Instant due = submission.notBefore().filter(at -> at.isAfter(now)).orElse(now);
        Optional<Instant> release = quietHours.releaseAt(submission.systemId(), recipient, due);
        if (release.isEmpty()) {
            return new Verdict.Allowed(submission);
        }
        log.debug("quiet hours hold system_id={} release_at={}", submission.systemId(), release.get());
        return new Verdict.Allowed(submission.withNotBefore(release.get()));
    }

    /**
     * A held message is checked again when it is due: a recipient who opted out since it was accepted gets nothing,
     * and the message ends refused with the configured command_status.
     */
    @Override
    public Optional<Refusal> refusal(NewMessage message) {
        String recipient = OptOut.number(message.destination().address());
        String sender = OptOut.number(message.source().address());
        if (!isOptedOut(message.systemId(), recipient, sender)) {
            return Optional.empty();
        }
        log.info("compliance held message refused system_id={} message_id={} recipient={} reason=opted out",
                message.systemId(), message.id(), mask(recipient));
        return Optional.of(new Refusal(config.smppStatus().code(), "to: " + recipient
                + " opted out of messages from " + sender + " before the held message was due"));
    }

    /** Whether {@code recipient} may get nothing from {@code sender} of {@code systemId} (numbers without '+'). */
    public boolean isOptedOut(String systemId, String recipient, String sender) {
        Set<String> current = optedOut;
        // Most accounts have no opt-outs: no keys to build for every message.
        return !current.isEmpty() && (current.contains(key(systemId, recipient, "")) || current.contains(key(systemId, recipient, sender)));
    }

    // ---- MO keywords -----------------------------------------------------------------------------------------

    /** STOP, STOPALL, START, HELP and their translations: recorded, then answered from the number they went to. */
    @Override
    public CompletableFuture<Void> onMo(String systemId, ClientEvent.Mo mo) {
        Optional<String> text = text(mo);
        Optional<Keywords.Match> match = text.flatMap(keywords::match);
        if (match.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Keywords.Match keyword = match.get();
        String recipient = OptOut.number(mo.source().address());
        String sender = OptOut.number(mo.destination().address());
        Instant now = clock.instant();
        String conversation = key(systemId, recipient, sender);
        Answered answer = new Answered(keyword.action(), now);
        boolean repeat = !claimAnswer(conversation, answer);
        CompletableFuture<Void> recorded = switch (keyword.action()) {
            case STOP -> optOut(new OptOut(systemId, recipient,
                    config.optOutScope() == OptOutScope.ACCOUNT ? Optional.empty() : Optional.of(sender),
                    SOURCE_KEYWORD, now));
            case STOP_ALL -> optOut(new OptOut(systemId, recipient, Optional.empty(), SOURCE_KEYWORD, now));
            case START -> async(() -> {
                int removed = store.optIn(systemId, recipient, sender);
                apply(set -> {
                    set.remove(key(systemId, recipient, sender));
                    set.remove(key(systemId, recipient, ""));
                });
                return removed;
            }).thenApply(removed -> null);
            case HELP -> CompletableFuture.completedFuture(null);
        };
        log.info("compliance keyword system_id={} action={} language={} recipient={} repeat={}", systemId,
                keyword.action(), keyword.language(), mask(recipient), repeat);
        return recorded.whenComplete((done, error) -> {
            if (error != null) {
                // Not recorded: the MO is not acknowledged and the carrier sends it again, which must be answered.
                answered.computeIfPresent(conversation, (k, last) -> last == answer ? null : last);
            }
        }).thenRun(() -> {
            if (!repeat) {
                keyword.reply().ifPresent(reply -> reply(systemId, mo, reply));
            }
        });
    }

    /**
     * Whether {@code answer} is the first of its keyword in this conversation within {@link #REPLY_REPEAT_WINDOW}
     * (then it is remembered); atomic, so two copies of one MO handled at once answer once.
     */
    private boolean claimAnswer(String conversation, Answered answer) {
        if (answered.size() > MAX_ANSWERS_REMEMBERED) {
            forgetOldAnswers(answer.at());
        }
        return answered.compute(conversation, (k, last) -> last != null && last.action() == answer.action()
                && answer.at().isBefore(last.at().plus(REPLY_REPEAT_WINDOW)) ? last : answer) == answer;
    }

    private void forgetOldAnswers(Instant now) {
        answered.values().removeIf(last -> !now.isBefore(last.at().plus(REPLY_REPEAT_WINDOW)));
    }

    private CompletableFuture<Void> optOut(OptOut optOut) {
        return async(() -> store.insert(List.of(optOut))).thenRun(() -> apply(set -> set.add(key(optOut))));
    }

    private void reply(String systemId, ClientEvent.Mo mo, String text) {
        if (replies.isEmpty()) {
            log.warn("compliance auto-reply not sent system_id={} reason=no pipeline attached", systemId);
            return;
        }
        EncodedText encoded = encode("auto-reply", text);
        Submission reply = Submission.single(systemId, mo.destination(), mo.source(), encoded.dataCoding(), 0,
                encoded.octets());
        replies.get().accept(reply).whenComplete((result, error) -> {
            if (error != null || result instanceof IngestResult.Refused) {
                log.warn("compliance auto-reply not stored system_id={} recipient={} cause={}", systemId,
                        mask(OptOut.number(mo.source().address())), error != null ? error.toString() : result);
            }
        });
    }

    private record EncodedText(int dataCoding, OctetString octets) {
    }

    /** A reply as the pipeline stores it: GSM-7 default alphabet (data_coding 0) when it fits, else UCS-2. */
    private static EncodedText encode(String key, String text) {
        EncodingChoice choice = EncodingChooser.choose(text, EncodingOptions.DEFAULTS, SegmentOptions.DEFAULTS)
                .orElseThrow(() -> new IllegalArgumentException(key + ": " + text.length()
                        + " characters (expected: text that fits " + SegmentOptions.DEFAULTS.maxSegments()
                        + " segments)"));
        return choice.encoding() == TextEncoding.UCS2
                ? new EncodedText(0x08, Ucs2.INSTANCE.encode(choice.text()))
                : new EncodedText(0x00, Gsm7.DEFAULT.encode(choice.text()));
    }

    /** The MO's text in the data codings a person's phone sends (SMPP 3.4 §5.2.19); binary MOs have none. */
    static Optional<String> text(ClientEvent.Mo mo) {
        try {
            return switch (mo.dataCoding()) {
                case 0x00 -> Optional.of(Gsm7.DEFAULT.decode(mo.text()));
                case 0x01, 0x03 -> Optional.of(new String(mo.text().toByteArray(), StandardCharsets.ISO_8859_1));
                case 0x08 -> Optional.of(Ucs2.INSTANCE.decode(mo.text()));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            // Octets that are not text in their data_coding (a septet over 0x7F, odd UCS-2): not a keyword.
            return Optional.empty();
        }
    }

    // ---- the list, for the API --------------------------------------------------------------------------------

    /** The account's opt-outs after ({@code afterRecipient}, {@code afterSender}), at most {@code limit}. */
    public CompletableFuture<List<OptOut>> list(String systemId, String afterRecipient, String afterSender,
                                                int limit) {
        return async(() -> store.page(systemId, afterRecipient, afterSender, limit));
    }

    /** Records imported opt-outs (all or none); completes with how many were new. */
    public CompletableFuture<Integer> record(List<OptOut> optOuts) {
        List<OptOut> copy = List.copyOf(optOuts);
        return async(() -> store.insert(copy)).thenApply(added -> {
            apply(set -> copy.forEach(optOut -> set.add(key(optOut))));
            return added;
        });
    }

    /** Removes every opt-out of {@code recipient} in the account; completes with how many there were. */
    public CompletableFuture<Integer> remove(String systemId, String recipient) {
        return async(() -> store.remove(systemId, recipient)).thenApply(removed -> {
            // Every sender's entry: the keys of this recipient in this account.
            String prefix = systemId + '\n' + recipient + '\n';
            apply(set -> set.removeIf(key -> key.startsWith(prefix)));
            return removed;
        });
    }

    // ---- the in-memory list -----------------------------------------------------------------------------------

    private void apply(java.util.function.Consumer<Set<String>> change) {
        synchronized (lock) {
            change.accept(optedOut);
            if (duringReload != null) {
                duringReload.add(() -> change.accept(optedOut));
            }
        }
    }

    /** Reads the whole table into a new set and swaps it in, with the changes made meanwhile applied. */
    void reload() {
        synchronized (lock) {
            duringReload = new ArrayList<>();
        }
        Set<String> fresh = ConcurrentHashMap.newKeySet();
        boolean loaded = false;
        try {
            store.forEach(optOut -> fresh.add(key(optOut)));
            loaded = true;
        } finally {
            synchronized (lock) {
                List<Runnable> changes = duringReload;
                duringReload = null;
                if (loaded) {
                    optedOut = fresh;
                    changes.forEach(Runnable::run);
                }
            }
        }
        log.debug("compliance opt-outs loaded count={}", fresh.size());
    }

    private void reloadQuietly() {
        forgetOldAnswers(clock.instant());
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("compliance opt-outs not reloaded, keeping the list in memory cause={}", e.toString());
        }
    }

    private static String key(OptOut optOut) {
        return key(optOut.systemId(), optOut.recipient(), optOut.sender().orElse(""));
    }

    private static String key(String systemId, String recipient, String sender) {
        return systemId + '\n' + recipient + '\n' + sender;
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, jdbc);
    }

    /** MSISDNs above DEBUG show only their last four digits (STYLE.md Logging). */
    static String mask(String number) {
        return number.length() <= 4 ? "****" : "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        jdbc.shutdown();
    }
}
