package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cnnserve.serving.BatchPolicy;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.FakeTicker;
import org.cnnserve.serving.FakeTimer;
import org.cnnserve.serving.InferenceFailedException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.ReplicasUnavailableException;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.serving.WorkerStoppedException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry and its versions' lifecycle, on a stand-in loader, a fake clock and timer: no Spring,
 * no weights. Versions load on replica threads, so the tests wait on futures, never by sleeping.
 */
class ModelRegistryTests {

    /** Long enough for a slow machine; a passing test never waits for it. */
    private static final long WAIT_SECONDS = 30;

    /** One image per batch and no delay: a batch goes as soon as a replica is free, without the timer. */
    private static final ServingProperties SERVING = new ServingProperties(1, Duration.ZERO, 4,
            Duration.ofSeconds(30), Duration.ofSeconds(30), List.of("cpu"), 1, null);

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration HEAD_START = Duration.ofSeconds(30);

    /** Versions leave service without a grace: a test that needs one builds its own retirer. */
    private static final Duration GRACE = Duration.ZERO;

    @TempDir
    Path root;

    private final FakeTicker ticker = new FakeTicker();
    private final FakeTimer timer = new FakeTimer(ticker);
    private final StandInLoader loader = new StandInLoader(ticker);
    private ModelRegistry registry;

    @AfterEach
    void stopTheRegistry() {
        if (registry != null) {
            registry.stop();
        }
    }

    private VersionStarter starter() {
        return new VersionStarter(loader, new RegistryProperties(root, List.of(), true, LOAD_TIMEOUT, HEAD_START,
                GRACE), ServingObserver.NONE, ticker, timer);
    }

    private VersionRetirer retirer() {
        return new VersionRetirer(GRACE, SERVING.drainTimeout(), timer, VersionRetirer.threadPerRelease(),
                ServingObserver.NONE);
    }

    /** A registry on the test's repository serving {@code selected} (empty: every model), started. */
    private ModelRegistry start(String... selected) {
        registry = new ModelRegistry(new RegistryProperties(root, List.of(selected), true, LOAD_TIMEOUT,
                HEAD_START, GRACE), SERVING,
                new ModelRepository(root), starter(), retirer(), ticker);
        registry.start();
        return registry;
    }

    private void model(String name, String extraConfig, int... versions) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("model.yaml"), """
                architecture: lenet5
                input: {height: 2, width: 2, channels: 1}
                classes: 2
                preprocessing: {color: grey, resize_shorter: 0, mean: [0.5], std: [0.5]}
                """ + extraConfig);
        Files.writeString(dir.resolve("labels.txt"), "a\nb\n");
        for (int v : versions) {
            Files.createDirectories(dir.resolve(Integer.toString(v)));
        }
    }

    private VersionStatus settled(String model, int version) throws Exception {
        return registry.settled(model, version).orElseThrow().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static float[] input(float first) {
        float[] input = new float[4];
        input[0] = first;
        return input;
    }

    private static Prediction classify(ServedModel served, float first) throws Exception {
        return served.submit(input(first), null).result().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void startOpensOnlyTheSelectedModels() throws Exception {
        model("a", "", 1);
        model("b", "", 1);
        model("c", "", 1);

        start("a", "c");
        settled("a", 1);
        settled("c", 1);

        assertThat(registry.models()).extracting(ModelStatus::name).containsExactly("a", "c");
        assertThat(loader.loads()).containsExactlyInAnyOrder("a:1", "c:1");
        assertThat(registry.settled("b", 1)).isEmpty();
    }

    @Test
    void startWithNoSelectionOpensEveryModelFolder() throws Exception {
        model("a", "", 1);
        model("b", "", 1);

        start();
        settled("b", 1);

        assertThat(registry.models()).extracting(ModelStatus::name).containsExactly("a", "b");
    }

    @Test
    void aVersionGoesFromLoadingToReadyAndItsSettledFutureCompletesWithReady() throws Exception {
        model("m", "", 1);
        CompletableFuture<Void> load = loader.hold("m");

        start();
        CompletableFuture<VersionStatus> settled = registry.settled("m", 1).orElseThrow();

        assertThat(registry.version("m", 1).orElseThrow().state()).isEqualTo(ModelState.LOADING);
        assertThat(settled).isNotDone();
        assertThatThrownBy(() -> registry.require("m", null)).isInstanceOf(ModelNotReadyException.class)
                .hasMessageContaining("LOADING");

        load.complete(null);
        VersionStatus ready = settled.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(ready.state()).isEqualTo(ModelState.READY);
        assertThat(ready.engine()).isEqualTo("dl4j");
        assertThat(ready.weights()).isEqualTo(WeightsStatus.UNTRAINED);
        assertThat(ready.loadMillis()).as("measured on the injected ticker")
                .isEqualTo(TimeUnit.NANOSECONDS.toMillis(StandInLoader.LOAD_NANOS));
        assertThat(registry.model("m").orElseThrow().state()).isEqualTo(ModelState.READY);
        assertThat(classify(registry.require("m", null), 0.5f).probabilities())
                .containsExactly(StandInLoader.StandInModel.ANSWER);
    }

    @Test
    void aFailedLoadIsFailedWithItsReasonWhileTheOtherModelsServe() throws Exception {
        model("bad", "", 1);
        model("good", "", 1);
        loader.fail("bad", "bad/1/model.zip is not a DL4J graph");

        start();
        VersionStatus bad = settled("bad", 1);
        VersionStatus good = settled("good", 1);

        assertThat(bad.state()).isEqualTo(ModelState.FAILED);
        assertThat(bad.reason()).isEqualTo("bad/1/model.zip is not a DL4J graph");
        assertThat(registry.model("bad").orElseThrow().reason()).isEqualTo(bad.reason());
        assertThatThrownBy(() -> registry.require("bad", null)).isInstanceOf(ModelNotReadyException.class)
                .hasMessageContaining("FAILED: bad/1/model.zip is not a DL4J graph");
        assertThat(good.state()).isEqualTo(ModelState.READY);
        assertThat(classify(registry.require("good", null), 0.5f).probabilities())
                .containsExactly(StandInLoader.StandInModel.ANSWER);
    }

    @Test
    void theLatestPolicyLoadsOnlyTheHighestVersion() throws Exception {
        model("m", "", 1, 2, 10);

        start();
        settled("m", 10);

        assertThat(loader.loads()).containsExactly("m:10");
        assertThat(registry.model("m").orElseThrow().versions()).extracting(VersionStatus::version).containsExactly(10);
        assertThat(registry.require("m", null).version()).isEqualTo(10);
        assertThatThrownBy(() -> registry.require("m", "2")).isInstanceOf(UnknownVersionException.class)
                .hasMessageContaining("loaded versions: [10]");
    }

    @Test
    void theAllPolicyLoadsEveryVersionAndAVersionCanBeAskedForByNumber() throws Exception {
        model("m", "version_policy: all\n", 1, 2, 10);

        start();
        settled("m", 1);
        settled("m", 2);
        settled("m", 10);

        assertThat(loader.loads()).containsExactly("m:1", "m:2", "m:10");
        assertThat(registry.require("m", null).version()).as("the default version").isEqualTo(10);
        assertThat(registry.require("m", "2").version()).isEqualTo(2);
        assertThatThrownBy(() -> registry.require("m", "3")).isInstanceOf(UnknownVersionException.class);
    }

    /** The plan given at open differs from the config on purpose: a step that re-read the config would show. */
    @Test
    void aVersionIsServedByThePlanItWasOpenedWithNotByRereadingItsConfig() throws Exception {
        model("m", "batching: {max_queue_size: 3}\n", 1);
        ModelDefinition definition = new ModelRepository(root).read("m");
        ServingPlan opened = new ServingPlan(new BatchPolicy(1, Duration.ZERO, List.of(), 5), Duration.ofSeconds(7),
                List.of(Device.CPU));
        ModelSlot slot = ModelSlot.of(definition, opened);
        VersionSlot version = slot.versions.get(1);
        VersionStarter starter = starter();

        starter.divideCpuThreads(List.of(slot));
        starter.start(slot, version);
        VersionStatus ready = version.settled().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(ready.state()).isEqualTo(ModelState.READY);
        assertThat(version.plan()).isSameAs(opened);
        assertThat(version.scheduler().queueCapacity()).isEqualTo(5);
        version.scheduler().stop();
        version.workers().forEach(w -> w.stop(Duration.ofSeconds(WAIT_SECONDS)));
    }

    @Test
    void everyRequestForAVersionSeesTheSamePlan() throws Exception {
        model("m", "request_timeout: 7s\n", 1);

        start();
        settled("m", 1);
        ServedModel first = registry.require("m", null);
        ServedModel second = registry.require("m", "1");

        assertThat(first.plan()).isSameAs(second.plan());
        assertThat(first.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(first.submit(input(0.5f), Duration.ofMinutes(1)).timeout()).as("never more than the plan's")
                .isEqualTo(Duration.ofSeconds(7));
    }

    /** Waits for a change made on a replica's thread; a passing test waits only as long as the change takes. */
    private void awaitState(String model, int version, ModelState state) {
        Awaitility.await().atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(5))
                .until(() -> registry.version(model, version).orElseThrow().state() == state);
    }

    @Test
    void aVersionWhoseOnlyReplicaCannotBeRebuiltFailsWithTheReasonAndTakesNoMoreRequests() throws Exception {
        model("m", "", 1);
        start();
        settled("m", 1);
        ServedModel served = registry.require("m", null);
        loader.fail("m", "m/1/model.zip vanished");

        CompletableFuture<Prediction> broken = served.submit(input(StandInLoader.StandInModel.FAILING_INPUT), null)
                .result();
        assertThatThrownBy(() -> broken.get(WAIT_SECONDS, TimeUnit.SECONDS)).cause()
                .isInstanceOf(InferenceFailedException.class);
        awaitState("m", 1, ModelState.FAILED);

        VersionStatus failed = registry.version("m", 1).orElseThrow();
        assertThat(failed.reason()).contains("replica").contains("m/1/model.zip vanished");
        assertThat(registry.model("m").orElseThrow().state()).isEqualTo(ModelState.FAILED);
        assertThat(new ModelsHealthIndicator(registry).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThatThrownBy(() -> registry.require("m", null)).isInstanceOf(ModelNotReadyException.class)
                .hasMessageContaining("FAILED");
        CompletableFuture<Prediction> late = served.submit(input(0.5f), null).result();
        assertThatThrownBy(() -> late.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("a caller holding the old handle")
                .cause().isInstanceOf(ReplicasUnavailableException.class);
    }

    @Test
    void aVersionThatLosesOneOfTwoReplicasIsDegradedAndServesOnTheOther() throws Exception {
        model("m", "instances_per_device: 2\n", 1);
        start();
        settled("m", 1);
        ServedModel served = registry.require("m", null);
        loader.fail("m", "m/1/model.zip vanished");

        CompletableFuture<Prediction> broken = served.submit(input(StandInLoader.StandInModel.FAILING_INPUT), null)
                .result();
        assertThatThrownBy(() -> broken.get(WAIT_SECONDS, TimeUnit.SECONDS)).cause()
                .isInstanceOf(InferenceFailedException.class);
        awaitState("m", 1, ModelState.DEGRADED);

        assertThat(registry.version("m", 1).orElseThrow().reason()).contains("1 of 2 replicas")
                .contains("m/1/model.zip vanished");
        Health degraded = new ModelsHealthIndicator(registry).health();
        assertThat(degraded.getStatus()).as("it still serves").isEqualTo(Status.UP);
        assertThat(degraded.getDetails().get("m").toString()).contains("DEGRADED").contains("1 of 2 replicas");
        for (int i = 0; i < 5; i++) {
            assertThat(classify(registry.require("m", null), 0.5f).probabilities()).as("served by the other replica")
                    .containsExactly(StandInLoader.StandInModel.ANSWER);
        }

        CompletableFuture<Prediction> second = served.submit(input(StandInLoader.StandInModel.FAILING_INPUT), null)
                .result();
        assertThatThrownBy(() -> second.get(WAIT_SECONDS, TimeUnit.SECONDS)).cause()
                .isInstanceOf(InferenceFailedException.class);
        awaitState("m", 1, ModelState.FAILED);
        assertThat(registry.version("m", 1).orElseThrow().reason()).contains("2 of 2 replicas");
    }

    @Test
    void aSlowLoadHoldsTheNextVersionOnlyForTheHeadStartAndFailsAtTheLoadTimeout() throws Exception {
        model("a-slow", "", 1);
        model("b-quick", "", 1);
        CompletableFuture<Void> slowLoad = loader.hold("a-slow");

        start();
        Awaitility.await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> loader.loads().contains("a-slow:1"));
        assertThat(loader.loads()).as("versions load one after another").containsExactly("a-slow:1");

        timer.advance(HEAD_START.toNanos());
        assertThat(settled("b-quick", 1).state()).as("loaded beside the slow one").isEqualTo(ModelState.READY);
        assertThat(registry.version("a-slow", 1).orElseThrow().state()).isEqualTo(ModelState.LOADING);

        timer.advance(LOAD_TIMEOUT.toNanos());
        VersionStatus slow = settled("a-slow", 1);
        assertThat(slow.state()).isEqualTo(ModelState.FAILED);
        assertThat(slow.reason()).isEqualTo("did not load within PT10M; its replica threads are abandoned");
        slowLoad.complete(null); // the abandoned thread finishes its load; the version stays FAILED
        assertThat(registry.version("a-slow", 1).orElseThrow().state()).isEqualTo(ModelState.FAILED);
        assertThatThrownBy(() -> registry.require("a-slow", null)).isInstanceOf(ModelNotReadyException.class);
    }

    @Test
    void failureReasonsNameFilesRelativeToTheRepository() throws Exception {
        model("m", "", 1);
        loader.fail("m", "cannot read " + root.resolve("m/1/model.zip").toAbsolutePath() + ": truncated");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("empty/model.yaml"), "architecture: lenet5\n");

        start();
        VersionStatus failed = settled("m", 1);

        assertThat(failed.reason()).isEqualTo("cannot read m/1/model.zip: truncated");
        assertThat(registry.model("empty").orElseThrow().reason()).doesNotContain(root.toString())
                .contains("empty/model.yaml");
        assertThatThrownBy(() -> registry.require("m", null)).hasMessageNotContaining(root.toString());
    }

    @Test
    void beginShutdownRefusesNewRequestsAndStopDrainsTheAcceptedOnes() throws Exception {
        model("m", "", 1);
        start();
        settled("m", 1);
        ServedModel served = registry.require("m", null);
        CompletableFuture<Void> running = loader.model().holdBatches();
        CompletableFuture<Prediction> accepted = served.submit(input(StandInLoader.StandInModel.HELD_INPUT), null)
                .result();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);

        registry.beginShutdown();

        assertThat(registry.model("m").orElseThrow().state()).isEqualTo(ModelState.UNLOADING);
        CompletableFuture<Prediction> late = served.submit(input(0.5f), null).result();
        assertThat(late).isCompletedExceptionally();
        assertThatThrownBy(late::join).hasCauseInstanceOf(WorkerStoppedException.class);
        assertThatThrownBy(() -> registry.require("m", null)).isInstanceOf(ModelNotReadyException.class)
                .hasMessageContaining("UNLOADING");

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(registry::stop);
        assertThat(accepted).isNotDone();
        assertThat(stopped).as("stop waits for the accepted request").isNotDone();
        loader.model().release();
        stopped.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(accepted.get().probabilities()).containsExactly(StandInLoader.StandInModel.ANSWER);
        assertThat(registry.isRunning()).isFalse();
    }

    @Test
    void aVersionNotStartedWhenShutdownBeginsFailsWithoutLoading() throws Exception {
        model("first", "", 1);
        model("second", "", 1);
        CompletableFuture<Void> firstLoad = loader.hold("first");

        start();
        registry.beginShutdown();
        firstLoad.complete(null);

        assertThat(settled("first", 1).state()).as("loaded while the service stopped").isEqualTo(ModelState.UNLOADING);
        VersionStatus second = settled("second", 1);
        assertThat(second.state()).isEqualTo(ModelState.FAILED);
        assertThat(second.reason()).isEqualTo("the service stopped before this version loaded");
        assertThat(loader.loads()).containsExactly("first:1");
    }
}
