package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Validates a request against its contract operation on the event loop, with Vert.x OpenAPI's public parameter
 * transformers, content analysers and schema validators, in the order and with the exceptions of its request
 * validator. That validator's public entry point hands every request to {@code executeBlocking}, ordered per event
 * loop: one validation at a time per loop, each behind a thread hand-off, which capped the send API at a few hundred
 * requests per second on a busy machine. Schema checks of bodies this small take microseconds; they belong on the
 * loop.
 *
 * <p>An operation may have a hand-written body check ({@link SendMessageCheck} for POST /v1/messages): a body it
 * accepts skips the generic schema validator, whose interpreted walk (its main method is too large for HotSpot to
 * compile) and per-call pattern compilation were most of what a request cost. A body it does not accept goes to the
 * generic validator, so every refusal is the contract validator's own.
 */
final class InlineValidation {

    // The same style-to-transformer table as Vert.x OpenAPI's request validator.
    private static final Map<Style, ParameterTransformer> TRANSFORMERS = transformers();
    private static final String UNSUPPORTED_BODY = "The format of the " + ValidationContext.REQUEST
            + " body is not supported";
    private static final String MISSING_BODY = "The related request does not contain the required body.";

    private final SchemaRepository repository;
    private final Map<String, Predicate<Object>> bodyChecks;
    // The media types each operation's request body declares, by operationId, read once instead of per request.
    private final Map<String, MediaTypes> mediaTypes;
    private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

    /** The generic validator for every operation, with the hand-written body checks by operationId. */
    InlineValidation(OpenAPIContract contract, Map<String, Predicate<Object>> bodyChecks) {
        this.repository = new CachingContract(requireNonNull(contract, "contract")).getSchemaRepository();
        this.bodyChecks = Map.copyOf(bodyChecks);
        Map<String, MediaTypes> types = new HashMap<>();
        for (Operation operation : contract.operations()) {
            if (operation.getRequestBody() != null) {
                types.put(operation.getOperationId(), new MediaTypes(operation.getRequestBody()));
            }
        }
        this.mediaTypes = Map.copyOf(types);
    }

    /** The handler that validates requests of {@code operation} and hands them on as a {@link ValidatedRequest}. */
    Handler<RoutingContext> handler(Operation operation) {
        Optional<Predicate<Object>> bodyCheck = Optional.ofNullable(bodyChecks.get(operation.getOperationId()));
        return context -> extractor.extractValidatableRequest(context, operation).onComplete(extracted -> {
            if (extracted.failed()) {
                context.fail(400, extracted.cause());
                return;
            }
            ValidatedRequest validated;
            try {
                validated = validate(extracted.result(), operation, bodyCheck);
            } catch (RuntimeException e) {
                context.fail(400, e);
                return;
            }
            context.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
            context.next();
        });
    }

    ValidatedRequest validate(ValidatableRequest request, Operation operation, Optional<Predicate<Object>> bodyCheck) {
        // Most operations have parameters in one place or none: a map only where there are some.
        Map<String, RequestParameter> cookies = Map.of();
        Map<String, RequestParameter> headers = Map.of();
        Map<String, RequestParameter> path = Map.of();
        Map<String, RequestParameter> query = Map.of();
        for (Parameter parameter : operation.getParameters()) {
            String name = parameter.getName();
            switch (parameter.getIn()) {
                case COOKIE -> cookies = with(cookies, name, parameter(parameter, request.getCookies().get(name)));
                case HEADER -> headers = with(headers, name, parameter(parameter, request.getHeaders().get(name)));
                case PATH -> path = with(path, name, parameter(parameter,
                        StringParameters.asText(parameter, request.getPathParameters().get(name))));
                case QUERY -> query = with(query, name, parameter(parameter,
                        StringParameters.asText(parameter, request.getQuery().get(name))));
            }
        }
        RequestParameter body = operation.getRequestBody() == null ? Value.NONE
                : body(operation.getRequestBody(), mediaTypes(operation), request, bodyCheck);
        return new Validated(cookies, headers, path, query, body);
    }

    private static Map<String, RequestParameter> with(Map<String, RequestParameter> map, String name,
                                                      RequestParameter value) {
        Map<String, RequestParameter> writable = map.isEmpty() ? new HashMap<>() : map;
        writable.put(name, value);
        return writable;
    }

    // As Vert.x OpenAPI's validateParameter: absent is fine unless required; present is transformed by its style
    // and checked against its schema.
    private RequestParameter parameter(Parameter parameter, RequestParameter value) {
        if (value == null || value.isNull()) {
            if (parameter.isRequired()) {
                throw ValidatorException.createMissingRequiredParameter(parameter);
            }
            return Value.NONE;
        }
        ParameterTransformer transformer = TRANSFORMERS.get(parameter.getStyle());
        if (transformer == null) {
            throw ValidatorException.createUnsupportedValueFormat(parameter);
        }
        Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
        OutputUnit result = repository.validator(parameter.getSchema()).validate(transformed);
        try {
            result.checkValidity();
        } catch (JsonSchemaValidationException e) {
            throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
        }
        return new Value(transformed);
    }

    // As Vert.x OpenAPI's validateBody, with the hand-written check first when the operation has one.
    private MediaTypes mediaTypes(Operation operation) {
        MediaTypes types = mediaTypes.get(operation.getOperationId());
        // An operation of another contract (only tests pass one): read its body's media types now.
        return types != null && types.requestBody == operation.getRequestBody() ? types
                : new MediaTypes(operation.getRequestBody());
    }

    private RequestParameter body(RequestBody requestBody, MediaTypes mediaTypes, ValidatableRequest request,
                                  Optional<Predicate<Object>> bodyCheck) {
        RequestParameter raw = request.getBody();
        if (raw == null || raw.isEmpty()) {
            if (requestBody.isRequired()) {
                throw new ValidatorException(MISSING_BODY, ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
            }
            return Value.NONE;
        }
        String contentType = request.getContentType();
        Optional<MediaTypes.Declared> declared = mediaTypes.of(contentType);
        Buffer content = raw.getBuffer(Buffer.buffer());
        ContentAnalyser analyser = declared.isEmpty() ? null : ContentAnalyser.getContentAnalyser(
                declared.get().mediaType(), contentType, content, ValidationContext.REQUEST);
        if (analyser == null) {
            throw new ValidatorException(UNSUPPORTED_BODY, ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT);
        }
        analyser.checkSyntacticalCorrectness();
        MediaType mediaType = declared.get().mediaType();
        if (!declared.get().schemaValidated()) {
            return new Value(content);
        }
        Object value = analyser.transform();
        if (bodyCheck.isPresent() && bodyCheck.get().test(value)) {
            return new Value(value);
        }
        OutputUnit result = repository.validator(mediaType.getSchema()).validate(value);
        try {
            result.checkValidity();
        } catch (JsonSchemaValidationException e) {
            throw SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
        }
        return new Value(value);
    }

    // A bare binary string schema ({type: string, format: binary}) is taken as it comes, as Vert.x OpenAPI does.
    private static boolean schemaValidationRequired(MediaType mediaType) {
        if (mediaType.getSchema() == null) {
            return false;
        }
        boolean binary = "string".equalsIgnoreCase((String) mediaType.getSchema().get("type"))
                && "binary".equalsIgnoreCase((String) mediaType.getSchema().get("format"))
                && mediaType.getSchema().fieldNames().size() == 2;
        return !binary;
    }

    /**
     * The media types a request body declares, and which of them a Content-Type selects: the same answer as
     * {@link RequestBody#determineContentType(String)} (white space removed, then the exact type, else the first
     * declared type the value starts with), which compiles a regular expression per call to remove the white space.
     */
    static final class MediaTypes {

        /** A declared media type, and whether its body is checked against its schema. */
        record Declared(MediaType mediaType, boolean schemaValidated) {
        }

        private final RequestBody requestBody;
        private final Map<String, Declared> exact;
        // In the contract's declaration order (the content map's iteration order), keys without white space.
        private final List<Map.Entry<String, Declared>> prefixes;

        MediaTypes(RequestBody requestBody) {
            this.requestBody = requireNonNull(requestBody, "requestBody");
            Map<String, Declared> exact = new HashMap<>();
            List<Map.Entry<String, Declared>> prefixes = new ArrayList<>();
            requestBody.getContent().forEach((name, mediaType) -> {
                Declared declared = new Declared(mediaType, schemaValidationRequired(mediaType));
                exact.put(name, declared);
                prefixes.add(Map.entry(withoutWhiteSpace(name), declared));
            });
            this.exact = Map.copyOf(exact);
            this.prefixes = List.copyOf(prefixes);
        }

        /** The declared media type {@code contentType} (a Content-Type value, absent: null) selects, if any. */
        Optional<Declared> of(String contentType) {
            if (contentType == null) {
                return Optional.empty();
            }
            String type = withoutWhiteSpace(contentType);
            Declared declared = exact.get(type);
            if (declared != null) {
                return Optional.of(declared);
            }
            for (Map.Entry<String, Declared> prefix : prefixes) {
                if (type.startsWith(prefix.getKey())) {
                    return Optional.of(prefix.getValue());
                }
            }
            return Optional.empty();
        }

        /** {@code text} without the characters of the regular expression class {@code \s}: space, \t\n\x0B\f\r. */
        static String withoutWhiteSpace(String text) {
            int first = 0;
            while (first < text.length() && !whiteSpace(text.charAt(first))) {
                first++;
            }
            if (first == text.length()) {
                return text;
            }
            StringBuilder kept = new StringBuilder(text.length()).append(text, 0, first);
            for (int i = first + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!whiteSpace(c)) {
                    kept.append(c);
                }
            }
            return kept.toString();
        }

        private static boolean whiteSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }
    }

    private static Map<Style, ParameterTransformer> transformers() {
        Map<Style, ParameterTransformer> transformers = new EnumMap<>(Style.class);
        transformers.put(Style.SIMPLE, new SimpleTransformer());
        transformers.put(Style.LABEL, new LabelTransformer());
        transformers.put(Style.MATRIX, new MatrixTransformer());
        transformers.put(Style.FORM, new FormTransformer());
        return transformers;
    }

    /** A validated value (or none: {@code null} inside, as {@link RequestParameter#isNull()} expects). */
    private record Value(Object value) implements RequestParameter {
        static final Value NONE = new Value(null);

        @Override
        public Object get() {
            return value;
        }
    }

    private record Validated(Map<String, RequestParameter> getCookies, Map<String, RequestParameter> getHeaders,
                             Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery,
                             RequestParameter getBody) implements ValidatedRequest {
    }
}
