package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * The settings of a DynamoDB stream event source mapping, with Lambda's defaults where the template says nothing.
 *
 * @param maxRetryAttempts  -1: until the record expires (Lambda's default)
 * @param maxRecordAge      null: no limit (Lambda's default -1)
 * @param onFailure         the on-failure destination (a template value), null for none
 * @param filterPatterns    FilterCriteria patterns (JSON text); a record passes when any matches
 */
public record StreamSettings(String startingPosition, int batchSize, Duration maxBatchingWindow,
                             int parallelizationFactor, boolean bisectOnError, int maxRetryAttempts,
                             Duration maxRecordAge, boolean reportBatchItemFailures, JsonNode onFailure,
                             List<String> filterPatterns) {

    public StreamSettings {
        filterPatterns = List.copyOf(filterPatterns);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new TemplateException("BatchSize must be 1..10000, not " + batchSize);
        }
        if (maxRetryAttempts < -1 || maxRetryAttempts > 10_000) {
            throw new TemplateException("MaximumRetryAttempts must be -1..10000, not " + maxRetryAttempts);
        }
        if (!List.of("TRIM_HORIZON", "LATEST").contains(startingPosition)) {
            throw new TemplateException("StartingPosition must be TRIM_HORIZON or LATEST, not " + startingPosition);
        }
    }
}
