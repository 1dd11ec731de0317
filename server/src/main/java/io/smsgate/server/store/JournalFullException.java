package io.smsgate.server.store;

/**
 * The Journal refused a write at once because its queue is full or it is stopping; the caller answers
 * ESME_RMSGQFUL/ESME_RTHROTTLED (or HTTP 429) and the client retries later. No stack trace: it is back-pressure,
 * not a bug.
 */
public final class JournalFullException extends StoreException {

    JournalFullException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
