package com.salesconnect.tasksync.awsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The resources {@code template.yaml} declares that an engine can hold, created there with the AWS SDK:
 * every DynamoDB table (keys, indexes, stream, TTL), SQS queue, EventBridge bus, KMS key and Secrets Manager secret
 * (created as the template does: with a literal SecretString, or empty, for its owner to put the value).
 * The template stays the single truth: tests and the local runtime never declare a table themselves.
 */
public final class TemplateResources {

    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String EVENT_BUS = "AWS::Events::EventBus";
    public static final String KMS_KEY = "AWS::KMS::Key";
    public static final String SECRET = "AWS::SecretsManager::Secret";
    static final String TEMPLATE_FILE = "template.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, QueueAttributeName> QUEUE_ATTRIBUTES = Map.of(
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "FifoQueue", QueueAttributeName.FIFO_QUEUE,
            "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);

    /** A resource of the template: logical id, type and properties (intrinsics in long form). */
    record Declared(String logicalId, String type, JsonNode properties) {
    }

    private final List<Declared> resources;

    private TemplateResources(List<Declared> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Reads the template.yaml found in the working directory or the nearest directory above it. */
    public static TemplateResources load() {
        return load(locateTemplate(Path.of("").toAbsolutePath()));
    }

    public static TemplateResources load(Path template) {
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    public static TemplateResources parse(String yaml) {
        try {
            return parse(new StringReader(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("malformed template", e);
        }
    }

    private static TemplateResources parse(Reader reader) throws IOException {
        JsonNode template = CloudFormationYaml.read(reader);
        List<Declared> declared = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = template.path("Resources").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> resource = fields.next();
            declared.add(new Declared(resource.getKey(), resource.getValue().path("Type").asText(""),
                    resource.getValue().path("Properties")));
        }
        return new TemplateResources(declared);
    }

    /** Walks up from {@code start} to the first directory holding template.yaml. */
    public static Path locateTemplate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TEMPLATE_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + TEMPLATE_FILE + " in " + start.toAbsolutePath() + " or above");
    }

    /** Logical ids of the resources of {@code type}, in template order. */
    public List<String> logicalIds(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).map(Declared::logicalId).toList();
    }

    /** The table request the template declares, under the physical name {@code naming} gives it. */
    public CreateTableRequest tableRequest(String logicalId, ResourceNaming naming) {
        Declared table = declared(logicalId, TABLE);
        JsonNode p = table.properties();
        BillingMode billing = BillingMode.fromValue(p.path("BillingMode").asText("PROVISIONED"));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(naming.apply(literal(p.path("TableName")).orElse(logicalId)))
                .attributeDefinitions(list(p.path("AttributeDefinitions"), a -> AttributeDefinition.builder()
                        .attributeName(a.path("AttributeName").asText())
                        .attributeType(a.path("AttributeType").asText()).build()))
                .keySchema(keySchema(p.path("KeySchema")))
                .billingMode(billing);
        if (billing == BillingMode.PROVISIONED) {
            request.provisionedThroughput(throughput(p.path("ProvisionedThroughput")));
        }
        if (p.has("GlobalSecondaryIndexes")) {
            request.globalSecondaryIndexes(list(p.path("GlobalSecondaryIndexes"), i -> {
                GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                        .indexName(i.path("IndexName").asText())
                        .keySchema(keySchema(i.path("KeySchema")))
                        .projection(projection(i.path("Projection")));
                if (billing == BillingMode.PROVISIONED) {
                    index.provisionedThroughput(throughput(i.path("ProvisionedThroughput")));
                }
                return index.build();
            }));
        }
        if (p.has("LocalSecondaryIndexes")) {
            request.localSecondaryIndexes(list(p.path("LocalSecondaryIndexes"), i -> LocalSecondaryIndex.builder()
                    .indexName(i.path("IndexName").asText())
                    .keySchema(keySchema(i.path("KeySchema")))
                    .projection(projection(i.path("Projection"))).build()));
        }
        JsonNode stream = p.path("StreamSpecification");
        if (stream.has("StreamViewType")) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText()).build());
        }
        return request.build();
    }

    /** The TTL attribute the template enables on a table, if any. */
    public Optional<String> ttlAttribute(String logicalId) {
        JsonNode ttl = declared(logicalId, TABLE).properties().path("TimeToLiveSpecification");
        return ttl.path("Enabled").asBoolean(false)
                ? Optional.of(ttl.path("AttributeName").asText())
                : Optional.empty();
    }

    /** Creates every supported resource of the template on the engine the clients point at. */
    public CreatedResources create(AwsClients clients, ResourceNaming naming) {
        Map<String, CreatedResource> created = new LinkedHashMap<>();
        for (String id : logicalIds(KMS_KEY)) {
            created.put(id, createKey(clients, id));
        }
        for (String id : logicalIds(EVENT_BUS)) {
            created.put(id, createBus(clients, id, naming));
        }
        for (String id : logicalIds(SECRET)) {
            created.put(id, createSecret(clients, id, naming));
        }
        // Dead-letter queues first: a queue's RedrivePolicy refers to its DLQ's ARN.
        List<String> queues = new ArrayList<>(logicalIds(QUEUE));
        queues.sort((a, b) -> Boolean.compare(hasRedrive(a), hasRedrive(b)));
        for (String id : queues) {
            created.put(id, createQueue(clients, id, naming, created));
        }
        for (String id : logicalIds(TABLE)) {
            created.put(id, createTable(clients, id, naming));
        }
        return new CreatedResources(created);
    }

    /** Deletes what {@link #create} made (keys are scheduled for deletion, as KMS allows no faster). */
    public static void delete(AwsClients clients, CreatedResources created) {
        for (CreatedResource resource : created.byLogicalId().values()) {
            switch (resource.type()) {
                case TABLE -> clients.dynamoDb().deleteTable(r -> r.tableName(resource.ref()));
                case QUEUE -> clients.sqs().deleteQueue(r -> r.queueUrl(resource.ref()));
                case EVENT_BUS -> clients.eventBridge().deleteEventBus(r -> r.name(resource.ref()));
                case KMS_KEY -> clients.kms().scheduleKeyDeletion(r -> r.keyId(resource.ref()).pendingWindowInDays(7));
                case SECRET -> clients.secretsManager().deleteSecret(r -> r.secretId(resource.ref())
                        .forceDeleteWithoutRecovery(true));
                default -> throw new IllegalStateException("unexpected resource type " + resource.type());
            }
        }
    }

    private CreatedResource createTable(AwsClients clients, String logicalId, ResourceNaming naming) {
        CreateTableRequest request = tableRequest(logicalId, naming);
        clients.dynamoDb().createTable(request);
        clients.dynamoDb().waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
        ttlAttribute(logicalId).ifPresent(attribute -> clients.dynamoDb().updateTimeToLive(r -> r
                .tableName(request.tableName())
                .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true))));
        TableDescription table = clients.dynamoDb().describeTable(r -> r.tableName(request.tableName())).table();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        return new CreatedResource(logicalId, TABLE, table.tableName(), attributes);
    }

    private CreatedResource createQueue(AwsClients clients, String logicalId, ResourceNaming naming,
                                        Map<String, CreatedResource> created) {
        JsonNode p = declared(logicalId, QUEUE).properties();
        boolean fifo = p.path("FifoQueue").asBoolean(false);
        String name = literal(p.path("QueueName"))
                .map(literal -> fifo ? literal.substring(0, literal.length() - ".fifo".length()) : literal)
                .map(naming::apply)
                .orElse(naming.apply(logicalId));
        String queueName = fifo ? name + ".fifo" : name;
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        QUEUE_ATTRIBUTES.forEach((property, attribute) -> {
            if (p.has(property) && p.get(property).isValueNode()) {
                attributes.put(attribute, p.get(property).asText());
            }
        });
        if (p.has("RedrivePolicy")) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(p.path("RedrivePolicy"), created));
        }
        String url = clients.sqs().createQueue(r -> r.queueName(queueName).attributes(attributes)).queueUrl();
        String arn = clients.sqs().getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return new CreatedResource(logicalId, QUEUE, url, Map.of("Arn", arn, "QueueName", queueName));
    }

    private CreatedResource createBus(AwsClients clients, String logicalId, ResourceNaming naming) {
        JsonNode p = declared(logicalId, EVENT_BUS).properties();
        String name = naming.apply(literal(p.path("Name")).orElse(logicalId));
        String arn = clients.eventBridge().createEventBus(r -> r.name(name)).eventBusArn();
        return new CreatedResource(logicalId, EVENT_BUS, name, Map.of("Arn", arn, "Name", name));
    }

    private CreatedResource createKey(AwsClients clients, String logicalId) {
        JsonNode p = declared(logicalId, KMS_KEY).properties();
        CreateKeyResponse key = clients.kms().createKey(r -> {
            r.description(literal(p.path("Description")).orElse(logicalId));
            literal(p.path("KeyUsage")).ifPresent(r::keyUsage);
            literal(p.path("KeySpec")).ifPresent(r::keySpec);
        });
        return new CreatedResource(logicalId, KMS_KEY, key.keyMetadata().keyId(),
                Map.of("Arn", key.keyMetadata().arn(), "KeyId", key.keyMetadata().keyId()));
    }

    /** {@code Ref} of a secret is its ARN, and so is its {@code Id} attribute. */
    private CreatedResource createSecret(AwsClients clients, String logicalId, ResourceNaming naming) {
        JsonNode p = declared(logicalId, SECRET).properties();
        if (p.has("GenerateSecretString")) {
            throw new IllegalStateException("secret " + logicalId + ": GenerateSecretString is not supported here");
        }
        String name = naming.apply(literal(p.path("Name")).orElse(logicalId));
        String arn = clients.secretsManager().createSecret(r -> {
            r.name(name);
            literal(p.path("Description")).ifPresent(r::description);
            literal(p.path("SecretString")).ifPresent(r::secretString);
        }).arn();
        return new CreatedResource(logicalId, SECRET, arn, Map.of("Arn", arn, "Id", arn, "Name", name));
    }

    private boolean hasRedrive(String queueId) {
        return declared(queueId, QUEUE).properties().has("RedrivePolicy");
    }

    /** The RedrivePolicy as SQS wants it: JSON text, with a {@code !GetAtt Dlq.Arn} resolved to the created DLQ. */
    private static String redrivePolicy(JsonNode policy, Map<String, CreatedResource> created) {
        JsonNode target = policy.path("deadLetterTargetArn");
        String arn = target.isTextual() ? target.asText() : resolveArn(target, created);
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("deadLetterTargetArn", arn);
        resolved.put("maxReceiveCount", policy.path("maxReceiveCount").asInt(1));
        try {
            return JSON.writeValueAsString(resolved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resolveArn(JsonNode reference, Map<String, CreatedResource> created) {
        JsonNode getAtt = reference.path("Fn::GetAtt");
        String logicalId = getAtt.path(0).asText();
        CreatedResource resource = created.get(logicalId);
        if (resource == null || !"Arn".equals(getAtt.path(1).asText())) {
            throw new IllegalStateException("cannot resolve " + reference + " to a created resource's Arn");
        }
        return resource.arn();
    }

    private Declared declared(String logicalId, String type) {
        return resources.stream()
                .filter(r -> r.logicalId().equals(logicalId) && r.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the template declares no " + type + " " + logicalId));
    }

    /** A plain string property; empty when missing or an intrinsic function (its value is unknown here). */
    private static Optional<String> literal(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        return list(keys, k -> KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build());
    }

    private static Projection projection(JsonNode projection) {
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.path("ProjectionType").asText("KEYS_ONLY"));
        if (projection.has("NonKeyAttributes")) {
            builder.nonKeyAttributes(list(projection.path("NonKeyAttributes"), JsonNode::asText));
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(JsonNode throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.path("ReadCapacityUnits").asLong(5))
                .writeCapacityUnits(throughput.path("WriteCapacityUnits").asLong(5)).build();
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        array.forEach(node -> items.add(mapper.apply(node)));
        return items;
    }
}
