package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while clients send back to back on kept-alive connections: each of their requests is
 * answered (200, or 503 once the drain began) or refused at connect, never reset or closed
 * unanswered. As {@code bench/reliability.py} does, the service runs as its own JVM (this test's
 * {@code java} and class path) and gets a real SIGTERM ({@link Process#destroy()}), so the drain runs
 * in Spring's shutdown hook and the process exits at its end, as in production.
 *
 * <p>Before the listening socket closed first (DrainLinger), clients told to reconnect landed in its
 * backlog and were reset. With that fix's main code reverted, or DrainLinger's close and linger made
 * no-ops, this test failed 7 of 9 runs (3 to 13 requests cut; a race, so not every run); with the
 * fix it passed 4 of 4 (2 busy vCPUs).
 */
@IntegrationTest
class KeptAliveShutdownTests {

    private static final int CLIENTS = 8;
    private static final Path LOG = Path.of("target", "kept-alive-shutdown-service.log");

    @Test
    void noRequestIsCutWhenTheServiceIsSentSigtermUnderKeptAliveLoad() throws Exception {
        Path repository = TestRepository.create("lenet5-fashion");
        int port = freePort();
        Process service = start("--server.port=" + port, "--server.address=127.0.0.1",
                "--cnnserve.registry.repository=" + repository, "--cnnserve.registry.models=lenet5-fashion",
                "--cnnserve.validation.run-at-load=false");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            awaitReady(service, new Http(port));
            byte[] request = request(Files.readAllBytes(Path.of("examples/ankle-boot.png")));

            ConcurrentHashMap<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(CompletableFuture.runAsync(() -> sendUntilRefused(port, request, outcomes), pool));
            }
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> count(outcomes, "200") >= 4 * CLIENTS);
            service.destroy();
            assertThat(service.waitFor(2, TimeUnit.MINUTES)).as(() -> "exited within 2 minutes of SIGTERM" + logTail())
                    .isTrue();
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

            assertThat(outcomes.keySet()).as(() -> outcomes + logTail()).allMatch(k -> k.equals("200")
                    || k.equals("503") || k.equals("refused"));
            assertThat(count(outcomes, "refused")).as(() -> outcomes + logTail()).isEqualTo(CLIENTS);
        } finally {
            pool.shutdownNow();
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The service in a JVM of its own, its output in {@link #LOG} rather than on the console. */
    private static Process start(String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CnnServeApplication.class.getName()));
        command.addAll(List.of(arguments));
        Files.createDirectories(LOG.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
    }

    /** Readiness answers 200; the port is not bound until the service has started, hence ignoreExceptions. */
    private static void awaitReady(Process service, Http http) {
        Awaitility.await("readiness of the service").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast(() -> assertThat(service.isAlive()).as(() -> "the service exited" + logTail()).isTrue())
                .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The last lines the service wrote, for a failure's message. */
    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(LOG);
            return "\n--- last lines of " + LOG + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "\n(no log at " + LOG + ": " + e + ")";
        }
    }

    private static int count(ConcurrentHashMap<String, AtomicInteger> outcomes, String key) {
        AtomicInteger n = outcomes.get(key);
        return n == null ? 0 : n.get();
    }

    private static byte[] request(byte[] image) {
        String head = "POST /v1/models/lenet5-fashion/classify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: image/png\r\nContent-Length: " + image.length + "\r\n\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(image);
        return bytes.toByteArray();
    }

    /** One client: requests back to back, reconnecting when told to close, until the port refuses it. */
    private static void sendUntilRefused(int port, byte[] request, ConcurrentHashMap<String, AtomicInteger> outcomes) {
        Socket socket = null;
        while (true) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    } catch (ConnectException refused) {
                        outcomes.computeIfAbsent("refused", k -> new AtomicInteger()).incrementAndGet();
                        return;
                    }
                    socket.setSoTimeout(60_000);
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                Answer answer = Answer.read(new BufferedInputStream(socket.getInputStream()));
                outcomes.computeIfAbsent(String.valueOf(answer.status), k -> new AtomicInteger()).incrementAndGet();
                if (answer.close) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException cut) {
                outcomes.computeIfAbsent("cut: " + cut, k -> new AtomicInteger()).incrementAndGet();
                closeQuietly(socket);
                socket = null;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The status line and headers of one answer, its body read and dropped. */
    private record Answer(int status, boolean close) {

        static Answer read(InputStream in) throws IOException {
            String status = line(in);
            if (status == null) {
                throw new IOException("connection closed with no answer");
            }
            int length = -1;
            boolean close = false;
            boolean chunked = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    in.readNBytes(size);
                    line(in);
                }
                line(in);
            } else if (length > 0) {
                in.readNBytes(length);
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]), close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
