package io.smsgate.server.fetch;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.net.URI;
import java.util.Map;

/** One outbound request: GET or POST to an absolute http(s) URL, with headers and a body (empty for GET). */
public record FetchRequest(Method method, URI url, Map<String, String> headers, OctetString body) {

    /** The methods the fetcher sends. */
    public enum Method { GET, POST }

    public FetchRequest {
        requireNonNull(method, "method");
        requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
    }

    public static FetchRequest get(URI url) {
        return new FetchRequest(Method.GET, url, Map.of(), OctetString.EMPTY);
    }

    public static FetchRequest post(URI url, Map<String, String> headers, OctetString body) {
        return new FetchRequest(Method.POST, url, headers, body);
    }
}
