package org.cnnserve.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once shutdown begins, every answer says {@code Connection: close}. A kept-alive client then
 * opens its next request on a new connection, which the stopping server refuses at connect,
 * rather than sending it down a connection the server is about to close: that request would
 * be reset mid-flight and lost.
 */
@Component
class DrainConnectionFilter extends OncePerRequestFilter {

    private volatile boolean draining;

    /** The same moment the registry stops admitting requests (see RegistryConfiguration). */
    @EventListener(ContextClosedEvent.class)
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
        if (draining) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
        // Shutdown may have begun while this request ran; the header still counts until committed.
        if (draining && !response.isCommitted()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }
}
