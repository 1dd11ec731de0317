package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link Ingest} with the {@link Compliance} check in front: a submission to an opted-out recipient is refused
 * ({@link IngestResult.Reason#OPTED_OUT}) before anything is stored or charged; one due inside quiet hours is stored
 * with its not_before at the window's end, and the carrier side holds it until then.
 */
public final class CompliantIngest implements Ingest {

    private final Compliance compliance;
    private final Ingest next;
    private final Clock clock;

    public CompliantIngest(Compliance compliance, Ingest next, Clock clock) {
        this.compliance = requireNonNull(compliance, "compliance");
        this.next = requireNonNull(next, "next");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<IngestResult> accept(MessageId id, Submission submission) {
        Compliance.Verdict verdict = compliance.check(submission, clock.instant());
        if (verdict instanceof Compliance.Verdict.OptedOut optedOut) {
            return CompletableFuture.completedFuture(refused(optedOut));
        }
        return next.accept(id, ((Compliance.Verdict.Allowed) verdict).submission());
    }

    @Override
    public Optional<IngestResult.Refused> refusal(Submission submission) {
        return compliance.check(submission, clock.instant()) instanceof Compliance.Verdict.OptedOut optedOut
                ? Optional.of(refused(optedOut)) : next.refusal(submission);
    }

    private static IngestResult.Refused refused(Compliance.Verdict.OptedOut optedOut) {
        return new IngestResult.Refused(IngestResult.Reason.OPTED_OUT, optedOut.detail());
    }

    @Override
    public MessageId nextId() {
        return next.nextId();
    }
}
