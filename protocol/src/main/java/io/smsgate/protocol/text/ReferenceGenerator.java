package io.smsgate.protocol.text;

import java.util.concurrent.atomic.AtomicInteger;

/** Supplies concatenation reference numbers; asked once per message that needs more than one part. */
@FunctionalInterface
public interface ReferenceGenerator {

    /** A reference in {@code 0..width.maxReference()}. */
    int next(ReferenceWidth width);

    /** A thread-safe counter starting at {@code first}, wrapping within each width's range. */
    static ReferenceGenerator counter(int first) {
        AtomicInteger next = new AtomicInteger(first);
        return width -> next.getAndIncrement() & width.maxReference();
    }
}
