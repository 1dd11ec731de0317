package io.smsgate.server.upstream;

import io.smsgate.protocol.smpp.session.SessionState;
import io.smsgate.protocol.smpp.session.SmppSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The upstream sessions per account: enforces max_binds (a slot is reserved before bind_resp and released when the
 * connection closes) and tells the client notifier which receivers are bound.
 */
final class SessionRegistry {

    private final Map<String, Set<SmppSession>> sessions = new ConcurrentHashMap<>();

    /** Reserves a bind slot for {@code session}; false when the account already has {@code maxBinds}. */
    boolean reserve(String systemId, SmppSession session, int maxBinds) {
        boolean[] reserved = {false};
        sessions.compute(systemId, (id, set) -> {
            Set<SmppSession> current = set == null ? new CopyOnWriteArraySet<>() : set;
            if (current.size() < maxBinds) {
                current.add(session);
                reserved[0] = true;
            }
            return current.isEmpty() ? null : current;
        });
        return reserved[0];
    }

    void release(String systemId, SmppSession session) {
        sessions.computeIfPresent(systemId, (id, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** The account's sessions bound as RX or TRX. */
    List<SmppSession> receivers(String systemId) {
        Set<SmppSession> set = sessions.get(systemId);
        if (set == null) {
            return List.of();
        }
        // Once per receipt and MO sent: a plain loop, where a stream and an Optional per session cost garbage.
        List<SmppSession> receivers = new ArrayList<>(set.size());
        for (SmppSession session : set) {
            SessionState state = session.state();
            if (state == SessionState.BOUND_RX || state == SessionState.BOUND_TRX) {
                receivers.add(session);
            }
        }
        return receivers;
    }

    /** Accounts with at least one session. */
    Set<String> accounts() {
        return Set.copyOf(sessions.keySet());
    }

    int count(String systemId) {
        Set<SmppSession> set = sessions.get(systemId);
        return set == null ? 0 : set.size();
    }
}
