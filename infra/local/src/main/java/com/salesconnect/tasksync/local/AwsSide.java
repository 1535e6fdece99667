package com.salesconnect.tasksync.local;

import com.salesconnect.tasksync.awsengine.AwsClients;
import com.salesconnect.tasksync.awsengine.AwsEngine;
import com.salesconnect.tasksync.awsengine.CreatedResources;
import com.salesconnect.tasksync.awsengine.MotoServer;
import com.salesconnect.tasksync.awsengine.ResourceNaming;
import com.salesconnect.tasksync.awsengine.TemplateResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * The AWS side of a local run: moto_server started (and stopped) here, or the endpoint of TASKSYNC_AWS_ENDPOINT;
 * the SDK clients; and the template's resources. On an endpoint of its own choosing (LocalStack, an account) the
 * resources get a per-run prefix and are deleted again at the end, so nothing collides or is left behind.
 */
final class AwsSide implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsSide.class);

    private final Optional<AwsEngine> engine;
    private final AwsClients clients;
    private final boolean external;
    private CreatedResources created;

    private AwsSide(Optional<AwsEngine> engine, AwsClients clients, boolean external) {
        this.engine = engine;
        this.clients = clients;
        this.external = external;
    }

    static AwsSide start(Optional<URI> endpoint, Function<String, String> env) {
        if (endpoint.isPresent()) {
            Region region = Region.of(Optional.ofNullable(env.apply("AWS_REGION")).orElse("us-east-1"));
            String key = Optional.ofNullable(env.apply("AWS_ACCESS_KEY_ID")).orElse("testing");
            String secret = Optional.ofNullable(env.apply("AWS_SECRET_ACCESS_KEY")).orElse("testing");
            AwsCredentialsProvider credentials =
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
            LOG.info("AWS: using {} ({})", endpoint.get(), region);
            return new AwsSide(Optional.empty(), AwsClients.connect(endpoint.get(), region, credentials), true);
        }
        MotoServer moto = MotoServer.start();
        LOG.info("AWS: {} (pid {})", moto.describe(), moto.pid());
        return new AwsSide(Optional.of(moto), AwsClients.connect(moto), false);
    }

    AwsClients clients() {
        return clients;
    }

    /** The moto_server process, when this run started one. */
    Optional<Long> enginePid() {
        return engine.filter(MotoServer.class::isInstance).map(e -> ((MotoServer) e).pid());
    }

    CreatedResources createResources(TemplateResources template) {
        ResourceNaming naming = external
                ? new ResourceNaming("tasksync-local-" + runId() + "-", "")
                : ResourceNaming.NONE;
        created = template.create(clients, naming);
        return created;
    }

    private static String runId() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        if (external && created != null) {
            try {
                TemplateResources.delete(clients, created);
            } catch (RuntimeException e) {
                LOG.warn("could not delete every resource this run created ({})", e.getClass().getSimpleName());
            }
        }
        clients.close();
        engine.ifPresent(AwsEngine::close);
    }
}
