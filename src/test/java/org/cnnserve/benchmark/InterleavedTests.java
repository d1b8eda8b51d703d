package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedTests {

    private final Stability rule = new Stability(2, 0.05, Duration.ofSeconds(30));
    private final FakeEngines clock = new FakeEngines();

    @Test
    void enginesAreWarmedThenTimedInAlternatingRounds() {
        Runnable a = clock.engine("A", 10);
        Runnable b = clock.engine("B", 40);

        Interleaved.measure(List.of(a, b), rule, 3, Duration.ofMillis(100), clock);

        // Warm-up: four steady passes each; then rounds of 100 ms: ten passes of A, three of B (120 ms).
        List<String> expected = new ArrayList<>();
        expected.addAll(Collections.nCopies(4, "A"));
        expected.addAll(Collections.nCopies(4, "B"));
        for (int round = 0; round < 3; round++) {
            expected.addAll(Collections.nCopies(10, "A"));
            expected.addAll(Collections.nCopies(3, "B"));
        }
        assertThat(clock.ran).containsExactlyElementsOf(expected);
    }

    @Test
    void eachEngineGetsTheMedianAndSpreadOfItsRounds() {
        // The cap of 1 ms ends each warm-up after one pass, and each round is one pass: after its warm-up,
        // A runs at 100 passes/s in its first round, 50 in its second and 200 in its third.
        Runnable a = clock.engine("A", 5, 10, 20, 5);
        Runnable b = clock.engine("B", 10);

        Interleaved.Result result = Interleaved.measure(List.of(a, b), new Stability(2, 0.05, Duration.ofMillis(1)), 3,
                Duration.ofMillis(1), clock);

        assertSpread(result.passesPerSecond().get(0), 100, 50, 200);
        assertSpread(result.passesPerSecond().get(1), 100, 100, 100);
    }

    private static void assertSpread(Spread spread, double median, double min, double max) {
        assertThat(spread.median()).isCloseTo(median, within(1e-6));
        assertThat(spread.min()).isCloseTo(min, within(1e-6));
        assertThat(spread.max()).isCloseTo(max, within(1e-6));
    }

    @Test
    void aWarmUpThatHitsItsCapIsReported() {
        Runnable settling = clock.engine("A", 10);
        Runnable drifting = clock.engine("B", 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240, 20480, 40960);

        Interleaved.Result result = Interleaved.measure(List.of(settling, drifting), rule, 1, Duration.ofMillis(1),
                clock);

        assertThat(result.warmUps().get(0).stable()).isTrue();
        assertThat(result.warmUps().get(1).stable()).isFalse();
        assertThat(result.allStable()).isFalse();
    }

    @Test
    void aSpreadIsTheMedianBetweenTheSmallestAndLargest() {
        assertThat(Spread.of(3, 1, 2)).isEqualTo(new Spread(2, 1, 3));
        assertThat(Spread.of(4, 1, 2, 3)).isEqualTo(new Spread(2.5, 1, 4));
        assertThat(Spread.of(2, 1, 3).times(8).median()).isCloseTo(16, within(1e-9));
        assertThat(new Spread(2.5, 1, 4).format(1)).isEqualTo("2.5 (1.0–4.0)");
    }
}
