package org.cnnserve.web.v2;

import org.springframework.http.HttpStatus;

/** A request the protocol layer refuses before any model sees it; answered {@code {"error": message}}. */
class V2Exception extends RuntimeException {

    private final HttpStatus status;

    V2Exception(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    static V2Exception badRequest(String message) {
        return new V2Exception(HttpStatus.BAD_REQUEST, message);
    }

    HttpStatus status() {
        return status;
    }
}
