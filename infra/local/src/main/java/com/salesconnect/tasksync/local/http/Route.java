package com.salesconnect.tasksync.local.http;

import java.util.Optional;

/** Something that may answer a request; empty when the request is not its to answer. */
@FunctionalInterface
public interface Route {

    Optional<Response> handle(Request request) throws Exception;
}
