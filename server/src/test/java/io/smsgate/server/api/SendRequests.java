package io.smsgate.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** POST /v1/messages requests as the validators see them (what the router's request extractor hands on). */
final class SendRequests {

    private SendRequests() {
    }

    static ValidatableRequest of(String contentType, String body, Optional<String> idempotencyKey) {
        Map<String, RequestParameter> headers = new HashMap<>();
        idempotencyKey.ifPresent(key -> headers.put("Idempotency-Key", new Raw(key)));
        return new Request(Map.copyOf(headers), contentType, new Raw(Buffer.buffer(body)));
    }

    private record Raw(Object get) implements RequestParameter {
    }

    private record Request(Map<String, RequestParameter> getHeaders, String getContentType, RequestParameter getBody)
            implements ValidatableRequest {
        @Override
        public Map<String, RequestParameter> getCookies() {
            return Map.of();
        }

        @Override
        public Map<String, RequestParameter> getPathParameters() {
            return Map.of();
        }

        @Override
        public Map<String, RequestParameter> getQuery() {
            return Map.of();
        }
    }
}
