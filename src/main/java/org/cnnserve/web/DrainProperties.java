package org.cnnserve.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the server keeps its connections open after shutdown begins, before Tomcat stops
 * reading them, so that every kept-alive client gets one answer that says {@code Connection: close}.
 *
 * @param linger the longest the server waits before its graceful shutdown begins
 * @param quiet  the wait ends sooner once no request has started for this long
 */
@ConfigurationProperties("cnnserve.drain")
record DrainProperties(@DefaultValue("2s") Duration linger, @DefaultValue("250ms") Duration quiet) {

    DrainProperties {
        if (linger.isNegative() || quiet.isNegative()) {
            throw new IllegalArgumentException("cnnserve.drain.linger and cnnserve.drain.quiet must not be negative, were "
                    + linger + " and " + quiet);
        }
    }
}
