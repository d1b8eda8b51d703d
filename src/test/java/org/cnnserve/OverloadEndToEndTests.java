package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 500 clients at once against a queue of 16 that waits two seconds for each batch, on a pool of
 * 8 servlet threads: the queue bound, not the threads, decides who is refused. Were a queued
 * request to hold its thread, the 8 threads would all wait in the queue and nobody would be
 * refused. Actuator runs on its own port, as the container image and the chart run it, and its
 * liveness probe keeps answering while the API is flooded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IntegrationTest
class OverloadEndToEndTests {

    private static final int CLIENTS = 500;
    private static final int QUEUE = 16;
    private static final String MODEL = "lenet5-fashion";
    private static final Path REPOSITORY = slowedLeNet();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.registry.models", () -> "lenet5-fashion");
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("server.tomcat.threads.max", () -> "8");
        registry.add("management.server.port", () -> "0");
        registry.add("management.server.address", () -> "127.0.0.1");
    }

    /** The shipped LeNet with a small queue and a batch delay long enough to keep it full. */
    private static Path slowedLeNet() {
        Path root = TestRepository.create("lenet5-fashion");
        Path yaml = root.resolve("lenet5-fashion").resolve("model.yaml");
        try {
            String config = Files.readString(yaml);
            String slowed = config.replace("max_queue_delay: 0ms", "max_queue_delay: 2s")
                    .replace("max_queue_size: 256", "max_queue_size: " + QUEUE);
            assertThat(slowed).as("the shipped model.yaml still has the keys this test rewrites")
                    .contains("max_queue_delay: 2s", "max_queue_size: " + QUEUE);
            Files.writeString(yaml, slowed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void refusalsAre429sAnsweredAtOnceAndLivenessKeepsAnswering() throws Exception {
        Http http = new Http(managementPort);
        http.awaitReady(Duration.ofMinutes(2));
        byte[] image = FashionImages.png(0);
        burst(MODEL, image); // warms the JIT; not judged

        List<Answer> liveness = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = new Thread(() -> {
            while (probing.get()) {
                long start = System.nanoTime();
                int status = http.get("/actuator/health/liveness").statusCode();
                liveness.add(new Answer(status, System.nanoTime() - start, null));
                sleep(50);
            }
        }, "liveness-prober");
        prober.start();
        List<Answer> answers = new ArrayList<>();
        List<Answer> unknownModel = new ArrayList<>();
        try {
            for (int round = 0; round < 2; round++) {
                // The same burst for a model that does not exist: answered through the same controller
                // and problem handler without any queue, it shows what an answer costs right now.
                unknownModel.addAll(burst("no-such-model", image));
                answers.addAll(burst(MODEL, image));
            }
        } finally {
            probing.set(false);
            prober.join(TimeUnit.SECONDS.toMillis(30));
        }

        List<Long> refusals = answers.stream().filter(a -> a.status() == 429).map(Answer::nanos).sorted().toList();
        List<Long> notFound = unknownModel.stream().map(Answer::nanos).sorted().toList();
        long slowest = liveness.stream().mapToLong(Answer::nanos).max().orElse(-1);
        System.out.printf("overload: %d answers, %d 429s (p50 %.1f ms, p90 %.1f ms), 404s of the same burst for an"
                        + " unknown model (p50 %.1f ms), %d liveness probes (max %.1f ms)%n", answers.size(),
                refusals.size(), percentile(refusals, 50) / 1e6, percentile(refusals, 90) / 1e6,
                percentile(notFound, 50) / 1e6, liveness.size(), slowest / 1e6);
        assertThat(unknownModel).extracting(Answer::status).containsOnly(404);

        assertThat(answers).extracting(Answer::status).as("no 5xx, and no answer but 200 or 429")
                .containsOnly(200, 429);
        // A thread held per queued request would cap the queue at the 8 threads: no 429 at all.
        assertThat(refusals).as("429s").isNotEmpty();
        assertThat(answers).filteredOn(a -> a.status() == 429).allSatisfy(a -> assertThat(a.retryAfter()).isNotNull());
        // "Milliseconds" on an idle machine; on a loaded one every answer slows alike, so the bound is
        // what an answer without a queue costs in the same bursts (plus 250 ms): a 429 that waited
        // for the queue would take the 2 s batch delay more.
        assertThat(Duration.ofNanos(percentile(refusals, 50))).as("median time to a 429")
                .isLessThan(Duration.ofNanos(2 * percentile(notFound, 50)).plusMillis(250));
        assertThat(liveness).as("liveness probes during the bursts").hasSizeGreaterThan(3)
                .extracting(Answer::status).containsOnly(200);
        assertThat(Duration.ofNanos(slowest)).as("slowest liveness answer").isLessThan(Duration.ofSeconds(1));
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    private record Answer(int status, long nanos, String retryAfter) {
    }

    /**
     * {@link #CLIENTS} requests sent at once, each on its own connection, over raw sockets: the JDK's
     * HTTP client would spend more of this machine's two cores than the service does. Each answer is
     * timed from its request's last byte written to the server closing the connection after it.
     */
    private List<Answer> burst(String model, byte[] image) throws IOException {
        byte[] head = ("POST /v1/models/" + model + "/classify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: image/png\r\nContent-Length: " + image.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> connections = new ArrayList<>();
        long[] sent = new long[CLIENTS];
        ByteArrayOutputStream[] received = new ByteArrayOutputStream[CLIENTS];
        List<Answer> answers = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < CLIENTS; c++) {
                connections.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
            }
            for (int c = 0; c < CLIENTS; c++) {
                SocketChannel connection = connections.get(c);
                ByteBuffer request = ByteBuffer.allocate(head.length + image.length).put(head).put(image).flip();
                while (request.hasRemaining()) {
                    connection.write(request);
                }
                sent[c] = System.nanoTime();
                received[c] = new ByteArrayOutputStream();
                connection.configureBlocking(false);
                connection.register(selector, SelectionKey.OP_READ, c);
            }
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (answers.size() < CLIENTS && System.nanoTime() < giveUp) {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    int c = (Integer) key.attachment();
                    buffer.clear();
                    int read = ((SocketChannel) key.channel()).read(buffer);
                    received[c].write(buffer.array(), 0, Math.max(0, read));
                    if (read < 0) {
                        answers.add(answer(received[c].toString(StandardCharsets.ISO_8859_1),
                                System.nanoTime() - sent[c]));
                        key.cancel();
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (SocketChannel connection : connections) {
                connection.close();
            }
        }
        assertThat(answers).as("answers to the burst within 2 minutes").hasSize(CLIENTS);
        return answers;
    }

    private static Answer answer(String response, long nanos) {
        Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(response);
        assertThat(status.find()).as("a status line in %s", response).isTrue();
        Matcher retryAfter = Pattern.compile("(?im)^Retry-After: *(\\S+)").matcher(response);
        return new Answer(Integer.parseInt(status.group(1)), nanos, retryAfter.find() ? retryAfter.group(1) : null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
