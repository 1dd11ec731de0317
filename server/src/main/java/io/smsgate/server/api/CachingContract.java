package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract with a schema repository that builds each schema's validator once. Vert.x OpenAPI asks the
 * repository for a new validator on every request and parameter, and building one copies the whole repository:
 * that was most of the CPU a request cost. The schemas never change after start, so a validator per schema
 * instance is kept (validators are stateless; the map is filled at start and only read after).
 */
final class CachingContract implements OpenAPIContract {

    private final OpenAPIContract contract;
    private final CachingRepository repository;

    CachingContract(OpenAPIContract contract) {
        this.contract = requireNonNull(contract, "contract");
        this.repository = new CachingRepository(contract.getSchemaRepository());
        // Every schema a request can meet, built now: afterwards the cache is only read, from any event loop.
        for (Operation operation : contract.operations()) {
            operation.getParameters().forEach(parameter -> repository.remember(parameter.getSchema()));
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().values()
                        .forEach(media -> repository.remember(media.getSchema()));
            }
        }
    }

    @Override
    public Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
        return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
        return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
        return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
        return contract.getVersion();
    }

    @Override
    public SchemaRepository getSchemaRepository() {
        return repository;
    }

    @Override
    public List<Server> getServers() {
        return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
        return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
        return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
        return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
        return contract.securityScheme(name);
    }

    private static final class CachingRepository implements SchemaRepository {
        private final SchemaRepository repository;
        // Filled before the contract is published to the event loops, read-only after: safe without locks.
        private final Map<JsonSchema, Validator> validators = new IdentityHashMap<>();

        CachingRepository(SchemaRepository repository) {
            this.repository = repository;
        }

        void remember(JsonSchema schema) {
            validators.computeIfAbsent(schema, repository::validator);
        }

        @Override
        public Validator validator(JsonSchema schema) {
            Validator cached = validators.get(schema);
            return cached != null ? cached : repository.validator(schema);
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
            return repository.dereference(schema);
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
            return repository.dereference(uri, schema);
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            return repository.preloadMetaSchema(fs);
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
            return repository.preloadMetaSchema(fs, draft);
        }

        @Override
        public Validator validator(String ref) {
            return repository.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return repository.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return repository.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return repository.resolve(schema);
        }

        @Override
        public JsonSchema find(String ref) {
            return repository.find(ref);
        }
    }
}
