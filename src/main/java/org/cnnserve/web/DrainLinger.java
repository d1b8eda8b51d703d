package org.cnnserve.web;

import java.util.function.LongSupplier;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Winds the kept-alive connections down before the web server's graceful shutdown. Tomcat's
 * graceful shutdown stops accepting, stops reading new requests, and once the requests in progress
 * end closes every connection: a kept-alive client that sends its next request in between, or that
 * has just reconnected into the listening socket's backlog, is reset, and to it that request is lost.
 * When the context starts closing this closes the listening socket (a new connection is refused at
 * connect from here on); stopped one phase above the web server, it then waits while requests keep
 * arriving on the open connections, up to {@link DrainProperties#linger()}: each of those is answered (503 from the
 * stopping registry, or its result) with {@code Connection: close} by {@link DrainConnectionFilter},
 * so the client's next request goes to a new connection, which is refused. It ends sooner once no
 * request has started for {@link DrainProperties#quiet()}, so that an idle service stops without delay.
 */
@Component
class DrainLinger implements SmartLifecycle {

    /** Sleeps for the given nanoseconds; a test passes one that advances its clock. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final long STEP_NANOS = 20_000_000;

    private final DrainConnectionFilter filter;
    private final DrainProperties properties;
    private final Runnable stopAccepting;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private volatile boolean running;

    @Autowired
    DrainLinger(DrainConnectionFilter filter, DrainProperties properties, ApplicationContext context) {
        this(filter, properties, () -> closeListeningSockets(context), System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    DrainLinger(DrainConnectionFilter filter, DrainProperties properties, Runnable stopAccepting,
                LongSupplier nanoClock, Sleeper sleeper) {
        this.filter = filter;
        this.properties = properties;
        this.stopAccepting = stopAccepting;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * The context closing (SIGTERM) is published before any bean stops: the listening socket closes
     * first, before the stopping registry's first 503 and before any answer says {@code Connection:
     * close}, so that a client told to reconnect finds the port closed rather than a backlog that
     * the closing socket would reset.
     */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void shutdownBegan() {
        stopAccepting.run();
        filter.shutdownBegan();
    }

    @Override
    public void stop() {
        long start = nanoClock.getAsLong();
        long linger = properties.linger().toNanos();
        long quiet = properties.quiet().toNanos();
        try {
            while (true) {
                long now = nanoClock.getAsLong();
                long lingerLeft = linger - (now - start);
                long quietLeft = quiet - (now - filter.lastRequestStartedNanos());
                if (lingerLeft <= 0 || quietLeft <= 0) {
                    break;
                }
                sleeper.sleep(Math.min(STEP_NANOS, Math.min(lingerLeft, quietLeft)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    /**
     * Tomcat's own graceful close of the listening socket, which its graceful shutdown would do a
     * moment later: the acceptor stops and keep-alive ends for the open connections.
     */
    private static void closeListeningSockets(ApplicationContext context) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() instanceof TomcatWebServer tomcat) {
            for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
                connector.getProtocolHandler().closeServerSocketGraceful();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
