package org.cnnserve.web;

import java.util.UUID;

/**
 * Names each internal failure, so that a client quoting the {@code error_id} of a 500 answer
 * leads to the one log line that holds the stack trace the answer leaves out.
 */
final class ErrorIds {

    /** The problem document property that carries the id. */
    static final String PROPERTY = "error_id";

    private ErrorIds() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }
}
