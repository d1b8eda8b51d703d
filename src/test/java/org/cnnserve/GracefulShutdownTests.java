package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application context is what SIGTERM does through Spring's shutdown hook: every
 * request accepted before it must still be answered with its result, and requests arriving during
 * the drain are refused (503, or a refused connection once the server has stopped listening).
 */
@IntegrationTest
class GracefulShutdownTests {

    private static final int ACCEPTED = 12;

    @Test
    void everyAcceptedRequestIsAnsweredWhenTheServiceStops() throws Exception {
        Path repository = TestRepository.create("resnet50");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CnnServeApplication.class).run(
                "--server.port=0", "--cnnserve.registry.repository=" + repository, "--cnnserve.validation.run-at-load=false",
                "--cnnserve.registry.models=resnet50");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        Http http = new Http(port);
        http.awaitReady(Duration.ofMinutes(2));
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        byte[] image = ClassifyEndToEndTests.fixture("rgb.jpg");

        ExecutorService clients = Executors.newFixedThreadPool(ACCEPTED + 1);
        List<CompletableFuture<HttpResponse<String>>> accepted = new ArrayList<>();
        for (int i = 0; i < ACCEPTED; i++) {
            accepted.add(CompletableFuture.supplyAsync(
                    () -> http.post("/v1/models/resnet50/classify", "image/jpeg", image), clients));
        }
        // All of them are inside the scheduler (queued or computing) before the stop begins.
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() ->
                gauge(meters, "cnnserve.queue.depth") + gauge(meters, "cnnserve.inflight") == ACCEPTED);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
        ModelRegistry registry = context.getBean(ModelRegistry.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> registry.model("resnet50").orElseThrow().state() == ModelState.UNLOADING);
        HttpResponse<String> late = lateRequest(http, image);

        for (CompletableFuture<HttpResponse<String>> f : accepted) {
            HttpResponse<String> r = f.get(2, TimeUnit.MINUTES);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"predictions\"");
        }
        if (late != null) {
            assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
            assertThat(late.headers().firstValue("Retry-After")).isPresent();
        }
        closed.get(2, TimeUnit.MINUTES);
        clients.shutdown();
    }

    private static double gauge(MeterRegistry meters, String name) {
        return meters.find(name).tag("model", "resnet50").gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    /** A request after the stop began: 503 while the server still listens, null once it refuses connections. */
    private static HttpResponse<String> lateRequest(Http http, byte[] image) {
        try {
            return http.post("/v1/models/resnet50/classify", "image/jpeg", image);
        } catch (UncheckedIOException refused) {
            return null;
        }
    }
}
