package com.salesconnect.tasksync.awsengine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * LocalStack (community image, pinned) through Testcontainers, for machines with Docker and without moto.
 * The tag stays at 4.12: later community images need an auth token.
 */
public final class LocalStackEngine implements AwsEngine {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.12");
    static final String NO_DOCKER = "no Docker engine (Testcontainers found none)";

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackEngine.class);

    private final LocalStackContainer container;
    private final AwsClients clients;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStackEngine(LocalStackContainer container) {
        this.container = container;
        this.clients = AwsClients.connect(this);
    }

    /** True when Testcontainers can reach a Docker engine. */
    public static boolean dockerAvailable() {
        return whyNoDocker().isEmpty();
    }

    /**
     * Empty when Testcontainers can reach a Docker engine, else the one-line reason. Testcontainers is asked only
     * when {@link DockerProbe} finds a place an engine could be, so a machine without Docker gets no multi-line
     * ERROR from it.
     */
    static Optional<String> whyNoDocker() {
        Optional<String> noEngineHere = DockerProbe.whyNoDocker();
        if (noEngineHere.isPresent()) {
            return noEngineHere;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty() : Optional.of(NO_DOCKER);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Docker probe failed", e);
            return Optional.of(NO_DOCKER);
        }
    }

    /** @throws EngineUnavailableException without Docker, or when the container does not start */
    public static LocalStackEngine start() {
        Optional<String> noDocker = whyNoDocker();
        if (noDocker.isPresent()) {
            throw new NoDockerException(noDocker.get());
        }
        LocalStackContainer container = new LocalStackContainer(IMAGE)
                .withServices("dynamodb", "dynamodbstreams", "events", "sqs", "kms", "secretsmanager");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new EngineUnavailableException(AwsEngines.Choice.LOCALSTACK,
                    "LocalStack container did not start: " + e.getClass().getSimpleName(), e);
        }
        return new LocalStackEngine(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public Region region() {
        return Region.of(container.getRegion());
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
    }

    @Override
    public String name() {
        return "LocalStack";
    }

    @Override
    public String version() {
        return IMAGE.getVersionPart();
    }

    /** LocalStack community has no reset API: delete whatever exists. */
    @Override
    public void reset() {
        ResourceWipe.wipe(clients);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clients.close();
            container.stop();
        }
    }
}
