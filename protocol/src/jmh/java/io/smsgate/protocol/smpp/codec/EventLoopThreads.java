package io.smsgate.protocol.smpp.codec;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A JMH executor whose workers are Netty {@code FastThreadLocalThread}s, as event-loop threads are, so that the codec
 * runs with the thread-local caches it has in a server: the pooled allocator's thread cache and recycler, and
 * ByteBufUtil's scratch array for decoding strings. On JMH's own threads every encode buffer goes through the
 * arena lock and a new buffer object, and every decoded string through a temporary array. Select it with
 * {@code -jvmArgsAppend "-Djmh.executor=CUSTOM -Djmh.executor.class=io.smsgate.protocol.smpp.codec.EventLoopThreads"}.
 */
public final class EventLoopThreads extends ThreadPoolExecutor {

    /** The constructor JMH's CUSTOM executor type calls. */
    public EventLoopThreads(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
