package io.smsgate.server.pipeline;

import io.smsgate.server.store.StoredMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A carrier side for tests: records what it was given and takes everything unless told it is full. */
public final class RecordingDispatch implements Dispatch {

    public final List<StoredMessage> dispatched = new CopyOnWriteArrayList<>();
    public volatile boolean full;

    @Override
    public void dispatch(StoredMessage message) {
        dispatched.add(message);
    }

    @Override
    public boolean canAccept() {
        return !full;
    }

    @Override
    public int queueDepth() {
        return 0;
    }
}
