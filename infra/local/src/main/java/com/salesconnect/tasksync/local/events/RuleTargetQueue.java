package com.salesconnect.tasksync.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

/**
 * One EventBridge rule of the template, created on its bus with an SQS queue as the target (the local plumbing in
 * place of Lambda's own target): a thread receives what the bus routed and hands each event, unchanged, to the
 * function's asynchronous invocation.
 */
public final class RuleTargetQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleTargetQueue.class);

    private final String ruleName;
    private final String busName;
    private final String queueUrl;
    private final SqsClient sqs;
    private final EventBridgeClient eventBridge;
    private final AsyncInvoker target;
    private volatile boolean running = true;
    private volatile int receiving;
    private final Thread thread;

    private RuleTargetQueue(String ruleName, String busName, String queueUrl, SqsClient sqs,
                            EventBridgeClient eventBridge, AsyncInvoker target) {
        this.ruleName = ruleName;
        this.busName = busName;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.eventBridge = eventBridge;
        this.target = target;
        this.thread = new Thread(this::run, "rule-" + ruleName);
        this.thread.setDaemon(true);
    }

    /** Creates the rule and its queue target, and starts receiving. */
    public static RuleTargetQueue create(String ruleName, String busName, JsonNode pattern, String queueName,
                                         SqsClient sqs, EventBridgeClient eventBridge, AsyncInvoker target) {
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(ruleName).eventBusName(busName).eventPattern(pattern.toString()));
        eventBridge.putTargets(r -> r.rule(ruleName).eventBusName(busName)
                .targets(t -> t.id("local-function").arn(queueArn)));
        RuleTargetQueue queue = new RuleTargetQueue(ruleName, busName, queueUrl, sqs, eventBridge, target);
        queue.thread.start();
        LOG.info("EventBridge rule {} on bus {} -> {}", ruleName, busName, queueName);
        return queue;
    }

    public String ruleName() {
        return ruleName;
    }

    /** True when nothing waits in the queue, is being received, or runs in the function. */
    public boolean quiet() {
        if (receiving > 0 || target.inFlight() > 0) {
            return false;
        }
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                receiving = messages.size();
                for (Message message : messages) {
                    // Lambda's async queue owns the event from here: retries and failures are the invoker's.
                    target.submit(message.body());
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
                receiving = 0;
                failures = 0;
            } catch (RuntimeException e) {
                receiving = 0;
                if (!running) {
                    return;
                }
                // One failed receive is retried quietly (the engine may be stopping with the JVM); a run is not.
                if (++failures == 3) {
                    LOG.warn("rule {}: receiving keeps failing ({}); retrying", ruleName, e.getClass().getSimpleName());
                }
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            eventBridge.removeTargets(r -> r.rule(ruleName).eventBusName(busName).ids("local-function"));
            eventBridge.deleteRule(r -> r.name(ruleName).eventBusName(busName));
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        } catch (RuntimeException e) {
            LOG.debug("rule {}: clean-up failed ({})", ruleName, e.getClass().getSimpleName());
        }
    }
}
