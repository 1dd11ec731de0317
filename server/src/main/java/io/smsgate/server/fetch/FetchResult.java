package io.smsgate.server.fetch;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.Map;
import java.util.Optional;

/** How an outbound request ended: an HTTP response, a refusal before any connection, or a failure on the way. */
public sealed interface FetchResult {

    /** The final response (after redirects); header names are lower case, repeated headers keep their first value. */
    record Response(int status, Map<String, String> headers, OctetString body) implements FetchResult {
        public Response {
            headers = Map.copyOf(headers);
            requireNonNull(body, "body");
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** Not sent: the URL, its address or a redirect's was refused by policy (SSRF). Retrying cannot help. */
    record Refused(String reason) implements FetchResult {
        public Refused {
            requireNonNull(reason, "reason");
        }
    }

    /** Sent, or tried, and no usable response came. */
    record Failed(Failure failure, String detail) implements FetchResult {
        public Failed {
            requireNonNull(failure, "failure");
            requireNonNull(detail, "detail");
        }
    }

    /** Why no usable response came. */
    enum Failure {
        /** Connect refused or reset, DNS failure, TLS failure. */
        NETWORK,
        /** fetch.total-timeout or the connect timeout passed. */
        TIMEOUT,
        /** The body passed fetch.max-response-size. */
        TOO_LARGE,
        /** More than fetch.max-redirects redirects, or a redirect without a usable Location. */
        REDIRECTS
    }
}
