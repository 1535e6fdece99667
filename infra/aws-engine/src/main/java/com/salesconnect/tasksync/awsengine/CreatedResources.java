package com.salesconnect.tasksync.awsengine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Physical names and ARNs of the resources created from the template, by logical id, in creation order. */
public record CreatedResources(Map<String, CreatedResource> byLogicalId) {

    public CreatedResources {
        byLogicalId = Collections.unmodifiableMap(new LinkedHashMap<>(byLogicalId));
    }

    public CreatedResource get(String logicalId) {
        CreatedResource resource = byLogicalId.get(logicalId);
        if (resource == null) {
            throw new NoSuchElementException("no resource '" + logicalId + "' was created from the template; created: "
                    + byLogicalId.keySet());
        }
        return resource;
    }

    /** The physical name of a table (its {@code Ref}). */
    public String tableName(String logicalId) {
        CreatedResource resource = get(logicalId);
        if (!resource.type().equals(TemplateResources.TABLE)) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.type() + ", not a table");
        }
        return resource.ref();
    }

    public List<CreatedResource> ofType(String type) {
        return byLogicalId.values().stream().filter(r -> r.type().equals(type)).toList();
    }
}
