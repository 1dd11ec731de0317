package io.smsgate.server.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a DNS name to its addresses; blocking, so the fetcher calls it off the event loop. */
@FunctionalInterface
public interface HostResolver {

    /** The operating system's resolver. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
