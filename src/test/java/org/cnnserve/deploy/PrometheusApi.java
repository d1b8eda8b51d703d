package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Prometheus server's HTTP API, as the deployment tests query it. */
final class PrometheusApi {

    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;

    /** @param url the server's base, e.g. {@code http://127.0.0.1:19090} */
    PrometheusApi(String url) {
        this.url = url;
    }

    String url() {
        return url;
    }

    /** The single value an instant query gives, or NaN when it gives none; fails when the query does. */
    double value(String promql) {
        JsonNode answer = query(promql);
        assertThat(answer.path("status").asString()).as(promql + ": " + answer).isEqualTo("success");
        JsonNode result = answer.path("data").path("result");
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    /** The whole answer to an instant query, whatever its status. */
    JsonNode query(String promql) {
        return JSON.readTree(send("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
    }

    /** {@code /api/v1/rules}: the rule groups it loaded and how each rule last evaluated. */
    JsonNode rules() {
        HttpResponse<String> response = send("/api/v1/rules");
        assertThat(response.statusCode()).as("/api/v1/rules: " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data").path("groups");
    }

    /** The HTTP status of {@code path}, or -1 while nothing answers. */
    int status(String path) {
        try {
            return send(path).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on at the moment, on the loopback address. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
