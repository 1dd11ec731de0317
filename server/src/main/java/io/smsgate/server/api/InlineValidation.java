package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates a request against its contract operation on the event loop, with Vert.x OpenAPI's own parameter and
 * body checks. The router's built-in validation hands every request to {@code executeBlocking}, ordered per
 * event loop: one validation at a time per loop, each behind a thread hand-off, which capped the send API at a
 * few hundred requests per second on a busy machine. Schema checks of bodies this small take microseconds; they
 * belong on the loop.
 */
final class InlineValidation {

    private final RequestValidatorImpl validator;
    private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

    InlineValidation(Vertx vertx, OpenAPIContract contract) {
        this.validator = new RequestValidatorImpl(requireNonNull(vertx, "vertx"),
                new CachingContract(requireNonNull(contract, "contract")));
    }

    /** The handler that validates requests of {@code operation} and hands them on as a {@link ValidatedRequest}. */
    Handler<RoutingContext> handler(Operation operation) {
        return context -> extractor.extractValidatableRequest(context, operation).onComplete(extracted -> {
            if (extracted.failed()) {
                context.fail(400, extracted.cause());
                return;
            }
            ValidatedRequest validated;
            try {
                validated = validate(extracted.result(), operation);
            } catch (RuntimeException e) {
                context.fail(400, e);
                return;
            }
            context.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
            context.next();
        });
    }

    private ValidatedRequest validate(ValidatableRequest request, Operation operation) {
        Map<String, RequestParameter> cookies = new HashMap<>();
        Map<String, RequestParameter> headers = new HashMap<>();
        Map<String, RequestParameter> path = new HashMap<>();
        Map<String, RequestParameter> query = new HashMap<>();
        for (Parameter parameter : operation.getParameters()) {
            String name = parameter.getName();
            switch (parameter.getIn()) {
                case COOKIE -> cookies.put(name, validator.validateParameter(parameter, request.getCookies().get(name)));
                case HEADER -> headers.put(name, validator.validateParameter(parameter, request.getHeaders().get(name)));
                case PATH -> path.put(name, validator.validateParameter(parameter,
                        StringParameters.asText(parameter, request.getPathParameters().get(name))));
                case QUERY -> query.put(name, validator.validateParameter(parameter,
                        StringParameters.asText(parameter, request.getQuery().get(name))));
            }
        }
        if (operation.getRequestBody() == null) {
            return new ValidatedRequestImpl(cookies, headers, path, query);
        }
        return new ValidatedRequestImpl(cookies, headers, path, query,
                validator.validateBody(operation.getRequestBody(), request));
    }
}
