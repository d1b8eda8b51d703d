package org.cnnserve.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.VersionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A safety net only: the job's clock moves by hand and each poll waits 1 ms; a bug must fail, not hang.
@Timeout(10)
class ReadinessWaitTests {

    private static final Duration POLL = Duration.ofMillis(1);
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
    private final CompletableFuture<VersionStatus> settled = new CompletableFuture<>();

    private static VersionStatus status(ModelState state) {
        return new VersionStatus(1, state, null, null, null, 0, 0, 0, 0, 0, 0, null);
    }

    private final ReadinessWait wait = new ReadinessWait(new ReadinessWait.Versions() {
        @Override
        public Optional<CompletableFuture<VersionStatus>> settled(String model, int version) {
            return Optional.of(settled);
        }

        @Override
        public Optional<VersionStatus> version(String model, int version) {
            return Optional.of(status(ModelState.LOADING));
        }
    }, POLL, TIMEOUT, clock);

    @Test
    void aVersionThatNeverSettlesFailsTheWaitWithTheReasonOnceTheTimeoutHasPassed() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> wait.await("m", 1, () -> {
            polls.incrementAndGet();
            clock.advance(Duration.ofMinutes(1)); // each poll, a minute on the job's clock
            return false;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("model 'm' version 1 was still LOADING after PT15M; the validation gives up");
        assertThat(polls).hasValue(15);
    }

    @Test
    void aVersionThatSettlesInTimeGivesItsStatus() throws Exception {
        AtomicInteger polls = new AtomicInteger();

        VersionStatus status = wait.await("m", 1, () -> {
            if (polls.incrementAndGet() == 3) {
                settled.complete(status(ModelState.READY));
            }
            clock.advance(Duration.ofMinutes(1));
            return false;
        });

        assertThat(status.state()).isEqualTo(ModelState.READY);
    }

    @Test
    void waitingForSeveralReturnsOnceTheLastHasSettled() throws Exception {
        Map<String, CompletableFuture<VersionStatus>> loads = Map.of("a", new CompletableFuture<>(), "b",
                new CompletableFuture<>());
        ReadinessWait several = new ReadinessWait(versions(loads), POLL, TIMEOUT, clock);
        AtomicInteger polls = new AtomicInteger();

        several.awaitAll(List.of(new ReadinessWait.Key("a", 1), new ReadinessWait.Key("b", 1)), () -> {
            switch (polls.incrementAndGet()) {
                case 2 -> loads.get("a").complete(status(ModelState.READY));
                case 4 -> loads.get("b").complete(status(ModelState.FAILED));
                default -> { }
            }
            return false;
        });

        assertThat(loads.values()).allMatch(CompletableFuture::isDone);
        assertThat(polls).hasValue(4);
    }

    @Test
    void waitingForSeveralStopsWithoutFailingOnceTheTimeoutHasPassedOrAVersionIsGone() throws Exception {
        ReadinessWait several = new ReadinessWait(versions(Map.of("stuck", new CompletableFuture<>())), POLL,
                TIMEOUT, clock);
        AtomicInteger polls = new AtomicInteger();

        several.awaitAll(List.of(new ReadinessWait.Key("gone", 1), new ReadinessWait.Key("stuck", 1)), () -> {
            polls.incrementAndGet();
            clock.advance(Duration.ofMinutes(1));
            return false;
        });

        assertThat(polls).hasValue(15);
    }

    @Test
    void waitingForSeveralStopsWhenTheJobGivesUp() throws Exception {
        ReadinessWait several = new ReadinessWait(versions(Map.of("stuck", new CompletableFuture<>())), POLL,
                TIMEOUT, clock);
        AtomicInteger polls = new AtomicInteger();

        several.awaitAll(List.of(new ReadinessWait.Key("stuck", 1)), () -> polls.incrementAndGet() == 2);

        assertThat(polls).hasValue(2);
    }

    /** Each model's version 1 settles on its own future; a model not in the map has no such version. */
    private static ReadinessWait.Versions versions(Map<String, CompletableFuture<VersionStatus>> loads) {
        return new ReadinessWait.Versions() {
            @Override
            public Optional<CompletableFuture<VersionStatus>> settled(String model, int version) {
                return Optional.ofNullable(loads.get(model));
            }

            @Override
            public Optional<VersionStatus> version(String model, int version) {
                return settled(model, version).map(f -> status(f.isDone() ? f.join().state() : ModelState.LOADING));
            }
        };
    }
}
