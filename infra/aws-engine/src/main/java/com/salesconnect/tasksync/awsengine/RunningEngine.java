package com.salesconnect.tasksync.awsengine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine of a test run, started on first use and closed when the run ends (a value of JUnit's root
 * store). A failure to start is remembered, so later classes fail or skip at once instead of retrying.
 */
final class RunningEngine implements AutoCloseable {

    static final String SKIP_PREFIX = "LocalStack skipped: ";
    private static final Logger LOG = LoggerFactory.getLogger(RunningEngine.class);

    private final AwsEngines.Choice choice;
    private AwsEngine engine;
    private AwsClients clients;
    private TemplateResources template;
    private EngineUnavailableException failure;

    RunningEngine(AwsEngines.Choice choice) {
        this.choice = choice;
    }

    AwsEngines.Choice choice() {
        return choice;
    }

    synchronized AwsEngine engine() {
        startOnce();
        return engine;
    }

    synchronized AwsClients clients() {
        startOnce();
        return clients;
    }

    synchronized TemplateResources template() {
        if (template == null) {
            template = TemplateResources.load();
        }
        return template;
    }

    private void startOnce() {
        if (failure != null) {
            throw failure;
        }
        if (engine != null) {
            return;
        }
        try {
            engine = AwsEngines.start(choice);
        } catch (NoDockerException e) {
            // Said once per run, loudly: every class of this run is skipped for the same reason.
            LOG.warn("{}{}", SKIP_PREFIX, e.getMessage());
            failure = e;
            throw e;
        } catch (EngineUnavailableException e) {
            failure = e;
            throw e;
        }
        clients = AwsClients.connect(engine);
        LOG.info("AWS engine: {}", engine.describe());
    }

    @Override
    public synchronized void close() {
        if (clients != null) {
            clients.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
