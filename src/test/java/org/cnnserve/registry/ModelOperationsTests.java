package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cnnserve.serving.FakeTicker;
import org.cnnserve.serving.FakeTimer;
import org.cnnserve.serving.InferenceFailedException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.ServingObserver;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.serving.WorkerStoppedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/**
 * Load, unload and reload through the registry, as the repository API drives them: on the stand-in
 * loader, a fake clock and timer. The grace a retired version keeps admitting for ends only when the
 * test advances the fake timer, so each step is seen before the next, without sleeping.
 */
class ModelOperationsTests {

    private static final long WAIT_SECONDS = 30;
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration HEAD_START = Duration.ofSeconds(30);
    private static final ServingProperties SERVING = new ServingProperties(1, Duration.ZERO, 4,
            Duration.ofSeconds(30), Duration.ofSeconds(30), List.of("cpu"), 1, null);
    private static final float[] ANSWER = StandInLoader.StandInModel.ANSWER;

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

    private void start() {
        var properties = new RegistryProperties(root, List.of(), true, LOAD_TIMEOUT, HEAD_START, GRACE);
        var starter = new VersionStarter(loader, properties, ServingObserver.NONE, ticker, timer);
        var retirer = new VersionRetirer(GRACE, SERVING.drainTimeout(), timer, VersionRetirer.threadPerRelease(),
                ServingObserver.NONE);
        registry = new ModelRegistry(properties, SERVING, new ModelRepository(root), starter, retirer, ticker);
        registry.start();
    }

    private Path model(String name, String extraConfig, int... versions) throws IOException {
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
        return dir;
    }

    private void ready(String model, int version) throws Exception {
        assertThat(registry.settled(model, version).orElseThrow().get(WAIT_SECONDS, TimeUnit.SECONDS).state())
                .isEqualTo(ModelState.READY);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Prediction> submit(ServedModel served, float first) {
        float[] input = new float[4];
        input[0] = first;
        return served.submit(input, null).result();
    }

    private List<String> index() {
        return registry.index().stream().map(e -> e.name() + ":" + e.version() + ":" + e.state()
                + (e.reason() == null ? "" : ":" + e.reason())).toList();
    }

    @Test
    void aNewVersionFolderLoadsBesideTheServedOneTakesOverOnceReadyAndTheOldOneIsReleased() throws Exception {
        Path dir = model("m", "", 1);
        start();
        ready("m", 1);
        ServedModel before = registry.require("m", null);
        Files.createDirectories(dir.resolve("2"));
        CompletableFuture<Void> load2 = loader.hold("m");

        CompletableFuture<ModelStatus> load = registry.load("m");

        assertThat(load).isNotDone();
        assertThat(registry.require("m", null).version()).as("served while 2 loads").isEqualTo(1);
        assertThat(index()).containsExactly("m:1:READY", "m:2:LOADING");
        assertThatThrownBy(() -> registry.require("m", "2")).isInstanceOf(ModelNotReadyException.class)
                .hasMessageContaining("LOADING");

        load2.complete(null);
        graceBegun();

        assertThat(index()).containsExactly("m:1:UNLOADING", "m:2:READY");
        assertThat(await(submit(before, 0.5f)).probabilities()).as("a request that found 1 before the switch")
                .containsExactly(ANSWER);
        assertThat(load).as("1 is released after the grace").isNotDone();
        timer.advance(GRACE.toNanos());
        ModelStatus status = await(load);

        assertThat(status.defaultVersion()).isEqualTo(2);
        assertThat(status.versions()).extracting(VersionStatus::version).containsExactly(2);
        assertThat(index()).containsExactly("m:1:UNAVAILABLE:unloaded", "m:2:READY");
        assertThat(loader.model().closes()).as("1's replica released").isEqualTo(1);
        assertThat(submit(before, 0.5f)).isCompletedExceptionally();
        assertThat(registry.version("m", 1)).isEmpty();
    }

    @Test
    void unloadDrainsTheAcceptedRequestsAndRefusesNewOnesUntilTheModelIsLoadedAgain() throws Exception {
        model("m", "", 1);
        start();
        ready("m", 1);
        ServedModel served = registry.require("m", null);
        CompletableFuture<Void> running = loader.model().holdBatches();
        CompletableFuture<Prediction> accepted = submit(served, StandInLoader.StandInModel.HELD_INPUT);
        CompletableFuture<Prediction> queued = submit(served, 0.5f);
        await(running);

        CompletableFuture<ModelStatus> unload = registry.unload("m", null);

        assertThatThrownBy(() -> registry.require("m", null)).isInstanceOf(ModelNotReadyException.class)
                .hasMessage("model 'm' version 0 is UNAVAILABLE: unloaded");
        assertThatThrownBy(() -> registry.require("m", "1")).isInstanceOf(ModelNotReadyException.class)
                .hasMessageContaining("UNLOADING");
        timer.advance(GRACE.toNanos());
        assertThat(submit(served, 0.5f)).as("after the grace").isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(WorkerStoppedException.class);
        assertThat(unload).as("waits for the accepted requests").isNotDone();

        loader.model().release();
        ModelStatus unloaded = await(unload);

        assertThat(await(accepted).probabilities()).containsExactly(ANSWER);
        assertThat(await(queued).probabilities()).containsExactly(ANSWER);
        assertThat(unloaded.state()).isEqualTo(ModelState.UNAVAILABLE);
        assertThat(registry.model("m").orElseThrow().versions()).isEmpty();
        assertThat(loader.model().closes()).isEqualTo(1);

        await(registry.load("m"));
        assertThat(await(submit(registry.require("m", null), 0.5f)).probabilities()).containsExactly(ANSWER);
        assertThat(loader.loads()).containsExactly("m:1", "m:1");
    }

    @Test
    void unloadingOneVersionLeavesTheOthersServing() throws Exception {
        model("m", "version_policy: all\n", 1, 2);
        start();
        ready("m", 1);
        ready("m", 2);

        CompletableFuture<ModelStatus> unload = registry.unload("m", "2");

        assertThat(registry.require("m", null).version()).isEqualTo(1);
        assertThatThrownBy(() -> registry.require("m", "2")).isInstanceOf(ModelNotReadyException.class);
        timer.advance(GRACE.toNanos());
        assertThat(await(unload).versions()).extracting(VersionStatus::version).containsExactly(1);
        assertThat(index()).containsExactly("m:1:READY", "m:2:UNAVAILABLE:unloaded");
        assertThatThrownBy(() -> registry.unload("m", "7").join()).hasCauseInstanceOf(UnknownVersionException.class);
    }

    @Test
    void aReloadWhoseNewVersionFailsKeepsServingTheLoadedOne() throws Exception {
        Path dir = model("m", "", 1);
        start();
        ready("m", 1);
        Files.createDirectories(dir.resolve("2"));
        loader.fail("m", "m/2/model.zip is not a DL4J graph");

        assertThatThrownBy(() -> await(registry.load("m"))).hasCauseInstanceOf(LoadFailedException.class)
                .hasMessageContaining("version 2 is FAILED: m/2/model.zip is not a DL4J graph");

        assertThat(registry.require("m", null).version()).isEqualTo(1);
        assertThat(index()).containsExactly("m:1:READY", "m:2:FAILED:m/2/model.zip is not a DL4J graph");
        assertThat(loader.model().closes()).as("nothing released").isZero();
    }

    @Test
    void aDegradedVersionLoadsAgainAndServesOnTheReplicaItHasLeftUntilItsReplacementIsReady() throws Exception {
        model("m", "instances_per_device: 2\n", 1);
        start();
        ready("m", 1);
        loader.fail("m", "m/1/model.zip vanished");
        assertThatThrownBy(() -> await(submit(registry.require("m", null), StandInLoader.StandInModel.FAILING_INPUT)))
                .hasCauseInstanceOf(InferenceFailedException.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                .until(() -> registry.version("m", 1).orElseThrow().state() == ModelState.DEGRADED);
        loader.recover("m");
        CompletableFuture<Void> held = loader.hold("m");

        CompletableFuture<ModelStatus> load = registry.load("m");

        assertThat(load).isNotDone();
        assertThat(await(submit(registry.require("m", null), 0.5f)).probabilities()).as("DEGRADED serves")
                .containsExactly(ANSWER);
        held.complete(null);
        graceBegun();
        timer.advance(GRACE.toNanos());
        ModelStatus status = await(load);

        assertThat(status.state()).isEqualTo(ModelState.READY);
        assertThat(index()).containsExactly("m:1:READY");
        assertThat(loader.loads()).as("2 replicas, the failed rebuild, 2 replicas again").hasSize(5);
        assertThat(loader.model().closes()).as("the broken replica, then the one left serving").isEqualTo(2);
    }

    @Test
    void aChangedConfigurationLoadsTheServedVersionAgainAndSwitchesToIt() throws Exception {
        model("m", "", 1);
        start();
        ready("m", 1);
        ServedModel before = registry.require("m", null);
        model("m", "request_timeout: 7s\n");

        CompletableFuture<ModelStatus> load = registry.load("m");
        graceBegun();
        assertThat(registry.require("m", null).requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        timer.advance(GRACE.toNanos());
        await(load);

        assertThat(before.requestTimeout()).isEqualTo(SERVING.requestTimeout());
        assertThat(loader.loads()).containsExactly("m:1", "m:1");
        assertThat(loader.model().closes()).isEqualTo(1);
    }

    @Test
    void loadingAnUnchangedModelLoadsNothing() throws Exception {
        model("m", "", 1);
        start();
        ready("m", 1);

        assertThat(await(registry.load("m")).state()).isEqualTo(ModelState.READY);

        assertThat(loader.loads()).containsExactly("m:1");
    }

    @Test
    void aModelFolderThatAppearedLoadsAndANameOutsideTheRepositoryIsUnknown() throws Exception {
        model("m", "", 1);
        start();
        ready("m", 1);
        model("late", "", 3);

        assertThat(index()).contains("late:3:UNAVAILABLE:not loaded");
        assertThat(await(registry.load("late")).defaultVersion()).isEqualTo(3);
        assertThat(registry.require("late", null).version()).isEqualTo(3);
        assertThatThrownBy(() -> registry.load("../m")).isInstanceOf(UnknownModelException.class);
        assertThatThrownBy(() -> registry.load("absent")).isInstanceOf(UnknownModelException.class);
        assertThatThrownBy(() -> registry.unload("absent", null)).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void aModelUnloadedOnPurposeDoesNotHoldReadinessBackWhileAnotherServes() throws Exception {
        model("a", "", 1);
        model("b", "", 1);
        start();
        ready("a", 1);
        ready("b", 1);
        ModelsHealthIndicator readiness = new ModelsHealthIndicator(registry);

        CompletableFuture<ModelStatus> unloadB = registry.unload("b", null);
        timer.advance(GRACE.toNanos());
        await(unloadB);
        assertThat(readiness.health().getStatus()).as("strict readiness, b unloaded").isEqualTo(Status.UP);

        CompletableFuture<ModelStatus> unloadA = registry.unload("a", null);
        timer.advance(GRACE.toNanos());
        await(unloadA);
        assertThat(readiness.health().getStatus()).as("nothing left to serve").isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void theIndexListsVersionFoldersThePolicyLeftUnloaded() throws Exception {
        model("m", "", 1, 2);
        start();
        ready("m", 2);

        assertThat(index()).containsExactly("m:1:UNAVAILABLE:not loaded", "m:2:READY");
    }

    /**
     * Waits until a reload, on the thread of the replica whose load ended it, has switched requests to the
     * new version and begun the old one's grace: the timer was asked for the grace (the load's timeout
     * and head start, and the batches' watchdog, ask for other delays and may still be pending).
     */
    private void graceBegun() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(5))
                .until(() -> timer.requestedDelays().contains(GRACE.toNanos()));
    }
}
