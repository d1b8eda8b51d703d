package org.cnnserve.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once shutdown begins, every answer says {@code Connection: close}. A kept-alive client then
 * opens its next request on a new connection, which the stopping server refuses at connect,
 * rather than sending it down a connection the server is about to close: that request would
 * be reset mid-flight and lost. {@link DrainLinger} holds the web server's shutdown back until the
 * kept-alive clients have had that answer, using the time the last request started.
 */
@Component
class DrainConnectionFilter extends OncePerRequestFilter {

    private final LongSupplier nanoClock;
    private volatile boolean draining;
    private volatile long lastRequestStarted;

    @Autowired
    DrainConnectionFilter() {
        this(System::nanoTime);
    }

    DrainConnectionFilter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastRequestStarted = nanoClock.getAsLong();
    }

    /** Called by {@link DrainLinger} when the context starts closing, once the listening socket is closed. */
    void shutdownBegan() {
        draining = true;
    }

    /** A classify answer is written on its async dispatch, after the first pass through this filter ended. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        lastRequestStarted = nanoClock.getAsLong();
        if (draining) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
        // Shutdown may have begun while this request ran; the header still counts until committed.
        if (draining && !response.isCommitted()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    /** When the latest request started, on the filter's clock (its creation, before any request). */
    long lastRequestStartedNanos() {
        return lastRequestStarted;
    }
}
