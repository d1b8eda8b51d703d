package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.cnnserve.CnnServeApplication;
import org.cnnserve.IntegrationTest;
import org.cnnserve.TestRepository;
import org.cnnserve.registry.ClientLoad.Outcome;
import org.cnnserve.registry.ReplicaFaults.Fired;
import org.cnnserve.registry.ReplicaFaults.Kind;
import org.cnnserve.serving.DaemonTimer;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.serving.Ticker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The reliability suite's "replica killed by an injected fault": the whole service under 8 clients
 * while a fault is injected into a real replica (through {@link ReplicaFaults}, test configuration
 * only). Every request must end (none hung), failures answer 503 with Retry-After (or, for the
 * requests of a batch the model itself threw on, 500 inference-failed), and the service must serve
 * again: on the replacement replica after a stuck batch, on the replicas left after one that cannot
 * be rebuilt. Each case prints one {@code reliability:} line that docs/benchmarks.md records.
 */
@IntegrationTest
class ReplicaFaultEndToEndTests {

    private static final String MODEL = "lenet5-fashion";
    private static final int CLIENTS = 8;
    /** The copied model.yaml's request timeout: wide, so a loaded machine's slow rebuild is not a deadline 504. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A client request running this long has hung: the service should have answered by its request timeout. */
    private static final Duration CLIENT_TIMEOUT = REQUEST_TIMEOUT.plusSeconds(30);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int ANSWERS = 500;

    @Test
    void aStuckBatchIsAnswered503AndAReplacementReplicaServes() throws Exception {
        ReplicaFaults faults = new ReplicaFaults();
        try (Service service = Service.start(faults, 1, "--cnnserve.serving.batch-timeout=2s")) {
            ClientLoad load = service.load();
            long start = System.nanoTime();
            await("answers before the fault", () -> load.okSentAfter(start) >= ANSWERS);

            long armed = System.nanoTime();
            Fired fired = faults.arm(Kind.HANG).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await("200s again after the fault", () -> load.okSentAfter(fired.nanos()) >= ANSWERS);
            List<Outcome> outcomes = load.stop();

            long recovered = load.firstOkSentAfter(fired.nanos()).orElseThrow() - fired.nanos();
            List<Outcome> window = endedAfter(outcomes, armed);
            report("stuck batch", window, recovered);
            assertEveryRequestEnded(outcomes);
            assertThat(failed(window))
                    .as("the stuck batch's requests fail, as 503 replica-unavailable: %s", byStatus(window))
                    .hasSizeGreaterThanOrEqualTo(fired.images())
                    .allMatch(o -> o.status() == 503 && o.retryAfter() && "replica-unavailable".equals(o.problemType()));
            assertThat(faults.batchesOnReplicasBuiltAfter(fired.nanos()))
                    .as("batches run by the replacement replica").isPositive();
            assertThat(service.state()).isEqualTo(ModelState.READY);
            HttpResponse<String> readiness = service.readiness();
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"READY\"");
        }
    }

    @Test
    void aReplicaThatCannotBeRebuiltLeavesServiceAndTheOthersServe() throws Exception {
        ReplicaFaults faults = new ReplicaFaults();
        try (Service service = Service.start(faults, 2)) {
            ClientLoad load = service.load();
            long start = System.nanoTime();
            await("answers before the fault", () -> load.okSentAfter(start) >= ANSWERS);

            long armed = System.nanoTime();
            Fired first = faults.arm(Kind.THROW_AND_FAIL_REBUILDS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await("version DEGRADED", () -> service.state() == ModelState.DEGRADED);
            long degraded = System.nanoTime();
            HttpResponse<String> degradedReadiness = service.readiness();
            await("200s while DEGRADED", () -> load.okSentAfter(degraded) >= ANSWERS);

            long lastArmed = System.nanoTime();
            Fired last = faults.arm(Kind.THROW_AND_FAIL_REBUILDS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await("version FAILED", () -> service.state() == ModelState.FAILED);
            long failedAt = System.nanoTime();
            HttpResponse<String> failedReadiness = service.readiness();
            await("answers while FAILED", () -> load.failedSentAfter(failedAt) >= ANSWERS);
            List<Outcome> outcomes = load.stop();

            List<Outcome> degradedWindow = outcomes.stream()
                    .filter(o -> o.endNanos() - armed >= 0 && o.endNanos() - lastArmed < 0).toList();
            long recovered = load.firstOkSentAfter(first.nanos()).orElseThrow() - first.nanos();
            report("batch throws, rebuild fails, 1 of 2 replicas left", degradedWindow, recovered);
            List<Outcome> failedWindow = endedAfter(outcomes, lastArmed);
            report("batch throws, rebuild fails, last replica", failedWindow, -1);
            System.out.printf("reliability: replica fault (last replica): version FAILED and readiness down %d ms "
                    + "after the fault%n", TimeUnit.NANOSECONDS.toMillis(failedAt - last.nanos()));

            assertEveryRequestEnded(outcomes);
            // The batch the model threw on answers 500 (the model failed, not the service's capacity); a batch
            // handed to the replica before it left answers 503; then the other replica takes every request.
            assertThat(failed(degradedWindow)).as("%s", byStatus(degradedWindow))
                    .filteredOn(o -> o.status() == 500).hasSize(first.images())
                    .allMatch(o -> "inference-failed".equals(o.problemType()));
            assertThat(failed(degradedWindow)).filteredOn(o -> o.status() != 500)
                    .allMatch(o -> o.status() == 503 && o.retryAfter() && "replica-unavailable".equals(o.problemType()));
            assertThat(degradedReadiness.statusCode()).isEqualTo(200);
            assertThat(degradedReadiness.body()).contains("DEGRADED").contains("could not be rebuilt");
            // Once none is left: the thrown batch's 500s, then 503 with Retry-After for every request.
            assertThat(failed(failedWindow)).as("%s", byStatus(failedWindow))
                    .filteredOn(o -> o.status() == 500).hasSize(last.images())
                    .allMatch(o -> "inference-failed".equals(o.problemType()));
            assertThat(failed(failedWindow)).filteredOn(o -> o.status() != 500)
                    .allMatch(o -> o.status() == 503 && o.retryAfter());
            assertThat(failedReadiness.statusCode()).isEqualTo(503);
            assertThat(failedReadiness.body()).contains("FAILED");
        }
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(condition);
    }

    /** The requests a fault armed at {@code nanos} can touch: those in flight or sent since, whose answer came after. */
    private static List<Outcome> endedAfter(List<Outcome> outcomes, long nanos) {
        return outcomes.stream().filter(o -> o.endNanos() - nanos >= 0).toList();
    }

    private static List<Outcome> failed(List<Outcome> outcomes) {
        return outcomes.stream().filter(Predicate.not(Outcome::ok)).toList();
    }

    private static Map<Integer, Long> byStatus(List<Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Outcome::status, TreeMap::new, Collectors.counting()));
    }

    private static void assertEveryRequestEnded(List<Outcome> outcomes) {
        assertThat(outcomes).as("requests that hung past %s or whose connection broke", CLIENT_TIMEOUT)
                .filteredOn(o -> o.status() == ClientLoad.HUNG || o.status() == ClientLoad.BROKEN).isEmpty();
    }

    /** One line in a fixed form; {@code recoveredNanos} negative for a case the service does not recover from. */
    private static void report(String fault, List<Outcome> window, long recoveredNanos) {
        List<Outcome> failed = failed(window);
        Map<Integer, Long> statuses = byStatus(failed);
        String kinds = statuses.isEmpty() ? "none" : statuses.entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "));
        long hung = window.stream().filter(o -> o.status() == ClientLoad.HUNG).count();
        String recovery = recoveredNanos < 0 ? "not recovered (no replica left)"
                : "recovered in " + TimeUnit.NANOSECONDS.toMillis(recoveredNanos) + " ms";
        System.out.printf("reliability: replica fault (%s): %d requests, %d failed (%s), %d hung, %s%n", fault,
                window.size(), failed.size(), kinds, hung, recovery);
    }

    /** The service on a copy of lenet5-fashion with {@code replicas} CPU replicas and the faults' loader. */
    private record Service(ConfigurableApplicationContext context, int port, ReplicaFaults faults)
            implements AutoCloseable {

        static Service start(ReplicaFaults faults, int replicas, String... extra) throws IOException {
            Path repository = TestRepository.create(MODEL);
            Path yaml = repository.resolve(MODEL).resolve(ModelRepository.CONFIG_FILE);
            String config = Files.readString(yaml);
            String changed = config.replace("request_timeout: 10s", "request_timeout: " + REQUEST_TIMEOUT.toSeconds() + "s")
                    .replace("instances_per_device: 1", "instances_per_device: " + replicas);
            assertThat(changed).as("the copied model.yaml's timeout and replicas").contains("request_timeout: 30s")
                    .contains("instances_per_device: " + replicas);
            Files.writeString(yaml, changed);
            String[] args = Stream.concat(Stream.of("--server.port=0",
                    "--server.address=127.0.0.1", "--cnnserve.registry.repository=" + repository,
                    "--cnnserve.validation.run-at-load=false", "--cnnserve.registry.models=" + MODEL,
                    "--spring.main.allow-bean-definition-overriding=true"), Stream.of(extra))
                    .toArray(String[]::new);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CnnServeApplication.class,
                    FaultInjection.class)
                    .initializers(c -> c.getBeanFactory().registerSingleton("replicaFaults", faults)).run(args);
            Service service = new Service(context, ((WebServerApplicationContext) context).getWebServer().getPort(),
                    faults);
            try {
                await("readiness", () -> service.readiness().statusCode() == 200);
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
            return service;
        }

        ClientLoad load() throws IOException {
            byte[] png = Files.readAllBytes(Path.of("examples/ankle-boot.png"));
            return new ClientLoad(port, "/v1/models/" + MODEL + "/classify", png, CLIENTS, CLIENT_TIMEOUT);
        }

        ModelState state() {
            return context.getBean(ModelRegistry.class).version(MODEL, 1).orElseThrow().state();
        }

        HttpResponse<String> readiness() {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            faults.releaseHungBatches(); // the abandoned replica threads end, and the drain has nothing stuck
            context.close();
        }
    }

    /**
     * Replaces the service's registry bean (same name, so the test sets bean overriding on) by one whose
     * versions load through the faults' loader around the real one. Not a {@code @Configuration}, so
     * component scanning never picks it up for another test's application.
     */
    static class FaultInjection {

        @Bean
        ModelRegistry modelRegistry(RegistryProperties properties, ServingProperties serving, ModelRepository repository,
                                    VersionFolderLoader loader, Ticker ticker, DaemonTimer timer,
                                    ObjectProvider<ServingObserver> observer, ReplicaFaults replicaFaults) {
            ServingObserver watcher = observer.getIfAvailable(() -> ServingObserver.NONE);
            var starter = new VersionStarter(replicaFaults.wrap(loader), properties, watcher, ticker, timer);
            var retirer = new VersionRetirer(properties.retireGrace(), serving.drainTimeout(), timer,
                    VersionRetirer.threadPerRelease(), watcher);
            return new ModelRegistry(properties, serving, repository, starter, retirer, ticker);
        }
    }
}
