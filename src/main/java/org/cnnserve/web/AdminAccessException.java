package org.cnnserve.web;

/** A request to an admin endpoint without the admin token (401), or while none is configured (403). */
class AdminAccessException extends RuntimeException {

    private final ProblemType type;
    private final String challenge;

    private AdminAccessException(ProblemType type, String detail, String challenge) {
        super(detail);
        this.type = type;
        this.challenge = challenge;
    }

    static AdminAccessException missingToken() {
        return new AdminAccessException(ProblemType.ADMIN_TOKEN_REQUIRED,
                "this endpoint requires the admin token: send 'Authorization: Bearer <token>'", "Bearer realm=\"cnnserve\"");
    }

    static AdminAccessException invalidToken() {
        return new AdminAccessException(ProblemType.ADMIN_TOKEN_REQUIRED, "the bearer token is not the admin token",
                "Bearer realm=\"cnnserve\", error=\"invalid_token\"");
    }

    static AdminAccessException disabled() {
        return new AdminAccessException(ProblemType.ADMIN_DISABLED, "model management is disabled: no admin token is"
                + " configured (set CNNSERVE_ADMIN_TOKEN or cnnserve.admin.token)", null);
    }

    ProblemType type() {
        return type;
    }

    /** The {@code WWW-Authenticate} value of a 401; {@code null} for a 403. */
    String challenge() {
        return challenge;
    }
}
