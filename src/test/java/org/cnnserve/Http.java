package org.cnnserve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** A plain JDK HTTP client for end-to-end tests, with a hand-built multipart body. */
public final class Http {

    public static final String BOUNDARY = "cnnserve-test-boundary";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The admin token the tests that start validation jobs configure and send. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final String base;
    private final String bearer;

    public Http(int port) {
        this(port, null);
    }

    /** A client that sends {@code Authorization: Bearer <bearer>} with every request. */
    public Http(int port, String bearer) {
        this.base = "http://127.0.0.1:" + port;
        this.bearer = bearer;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200, polling every 200 ms, at most {@code atMost}. */
    public Http awaitReady(Duration atMost) {
        Awaitility.await("readiness on " + base).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    public HttpResponse<String> postMultipart(String path, String part, String filename, byte[] bytes) {
        return post(path, "multipart/form-data; boundary=" + BOUNDARY, multipart(part, filename, bytes));
    }

    /** A body with one part named {@code part} per image, in order. */
    public static byte[] multipart(String part, List<byte[]> images) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < images.size(); i++) {
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"image"
                    + i + ".png\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(images.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static byte[] multipart(String part, String filename, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
