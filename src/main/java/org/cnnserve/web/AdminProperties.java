package org.cnnserve.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may manage the service ({@code cnnserve.admin.*}).
 *
 * @param token the bearer token the model management endpoints and {@code POST .../validations} require
 *              ({@code CNNSERVE_ADMIN_TOKEN} in the environment); absent or blank disables those
 *              endpoints (403). At least 16 characters.
 */
@ConfigurationProperties("cnnserve.admin")
record AdminProperties(String token) {

    static final int MIN_TOKEN_LENGTH = 16;

    AdminProperties {
        token = token == null || token.isBlank() ? null : token.strip();
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("cnnserve.admin.token must be at least " + MIN_TOKEN_LENGTH
                    + " characters, was " + token.length());
        }
    }

    boolean enabled() {
        return token != null;
    }

    /** Compares in time that does not depend on where the two differ. */
    boolean accepts(String presented) {
        return enabled() && presented != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminProperties[token=" + (enabled() ? "(set)" : "(none)") + "]";
    }
}
