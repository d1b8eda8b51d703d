package org.cnnserve.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients that each send one classify request after another until stopped, recording how every
 * request ended: its status, or that it hung past the client's timeout, or that its connection broke.
 */
final class ClientLoad {

    static final int HUNG = -1;
    static final int BROKEN = -2;
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"urn:cnnserve:problem:([a-z-]+)\"");

    /** One request: System.nanoTime when sent and when it ended, and how. */
    record Outcome(long startNanos, long endNanos, int status, String problemType, boolean retryAfter, String body) {

        boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient http;
    private final HttpRequest request;
    private final Duration timeout;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool;
    private final List<CompletableFuture<Void>> clients = new ArrayList<>();
    private volatile boolean stopping;

    /** Starts {@code clients} clients posting {@code png} to {@code path}, each request waiting at most {@code timeout}. */
    ClientLoad(int port, String path, byte[] png, int clients, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "image/png").timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
        this.timeout = timeout;
        this.pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            this.clients.add(CompletableFuture.runAsync(this::sendUntilStopped, pool));
        }
    }

    private void sendUntilStopped() {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher type = PROBLEM_TYPE.matcher(r.body());
                outcomes.add(new Outcome(start, System.nanoTime(), r.statusCode(), type.find() ? type.group(1) : null,
                        r.headers().firstValue("Retry-After").isPresent(), r.statusCode() == 200 ? "" : r.body()));
            } catch (HttpTimeoutException e) {
                outcomes.add(new Outcome(start, System.nanoTime(), HUNG, null, false, e.toString()));
            } catch (IOException e) {
                outcomes.add(new Outcome(start, System.nanoTime(), BROKEN, null, false, e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Requests sent at or after {@code nanos} that answered 200. */
    long okSentAfter(long nanos) {
        return outcomes.stream().filter(o -> o.ok() && o.startNanos() - nanos >= 0).count();
    }

    /** Answers other than 200 to requests sent at or after {@code nanos}. */
    long failedSentAfter(long nanos) {
        return outcomes.stream().filter(o -> !o.ok() && o.startNanos() - nanos >= 0).count();
    }

    /** When the first request sent at or after {@code nanos} that answered 200 ended. */
    OptionalLong firstOkSentAfter(long nanos) {
        return outcomes.stream().filter(o -> o.ok() && o.startNanos() - nanos >= 0).mapToLong(Outcome::endNanos)
                .reduce(Math::min);
    }

    /**
     * Stops sending and waits for every client's request in flight to end; a client still waiting past its
     * timeout plus a margin fails the test (it would be a hung request the HTTP client did not notice).
     *
     * @return every request's outcome
     */
    List<Outcome> stop() throws Exception {
        stopping = true;
        try {
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new))
                    .get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("a client's request did not end within its timeout of " + timeout, e);
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(outcomes);
    }
}
