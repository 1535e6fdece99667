package com.salesconnect.tasksync.awsengine;

import java.util.Map;

/**
 * One resource created from the template.
 *
 * @param ref        what CloudFormation's {@code Ref} returns: table name, queue URL, bus name, key id, secret ARN
 * @param attributes what {@code Fn::GetAtt} returns: Arn, and StreamArn / QueueName where they apply
 */
public record CreatedResource(String logicalId, String type, String ref, Map<String, String> attributes) {

    public CreatedResource {
        attributes = Map.copyOf(attributes);
    }

    public String arn() {
        return attributes.get("Arn");
    }
}
