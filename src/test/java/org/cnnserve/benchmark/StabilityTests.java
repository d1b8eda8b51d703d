package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StabilityTests {

    private final Stability rule = new Stability(3, 0.05, Duration.ofSeconds(10));
    private final FakeEngines clock = new FakeEngines();

    @Test
    void footnotesStateTheRuleAndTheCapOnlyWhenARowReachedIt() {
        assertThat(rule.rule()).isEqualTo("its median time per pass over 3 passes changed by under 5%");
        assertThat(rule.unsettled(true)).isEmpty();
        assertThat(rule.unsettled(false)).isEqualTo("; rows marked * did not settle within 10 s of warm-up");
    }

    @Test
    void holdsOnceTheLastWindowsMedianIsWithinTheToleranceOfTheOneBefore() {
        assertThat(rule.holds(new long[] {100, 102, 99, 101, 100, 103}, 6)).isTrue();
        assertThat(rule.holds(new long[] {100, 100, 100, 90, 90, 90}, 6)).isFalse();
    }

    @Test
    void needsTwoFullWindowsBeforeItCanHold() {
        assertThat(rule.holds(new long[] {100, 100, 100, 100, 100}, 5)).isFalse();
    }

    @Test
    void oneSlowPassDoesNotMoveAMedian() {
        assertThat(rule.holds(new long[] {100, 100, 100, 100, 500, 100}, 6)).isTrue();
    }

    @Test
    void aWarmUpRunsUntilThePassesStopSpeedingUp() {
        // A pass that speeds up from 16 ms to 3 ms, as DL4J's does while the JIT compiles, then stays.
        Runnable pass = clock.engine("dl4j", 16, 14, 12, 10, 8, 6, 5, 4, 3);

        WarmUp.Result result = WarmUp.untilStable(pass, rule, clock);

        assertThat(result.stable()).isTrue();
        // Passes 7 to 9 (median 4 ms) against 10 to 12 (3 ms) still differ by a quarter; 8 to 10 (4, 3, 3 ms)
        // against 11 to 13 is the first pair that agrees.
        assertThat(result.passes()).isEqualTo(13);
    }

    @Test
    void aPassThatNeverSettlesEndsAtTheCapUnstable() {
        long[] slower = new long[200];
        for (int i = 0; i < slower.length; i++) {
            slower[i] = 100 + 20L * i;
        }

        WarmUp.Result result = WarmUp.untilStable(clock.engine("drifting", slower), rule, clock);

        assertThat(result.stable()).isFalse();
        assertThat(result.seconds()).isGreaterThanOrEqualTo(10).isLessThan(11);
    }

    @Test
    void aSteadyPassWarmsUpInTwoWindows() {
        WarmUp.Result result = WarmUp.untilStable(clock.engine("steady", 7), rule, clock);

        assertThat(result.stable()).isTrue();
        assertThat(result.passes()).isEqualTo(6);
    }

    @Test
    void argumentsOutsideTheirRangeStateTheRule() {
        assertThatThrownBy(() -> new Stability(0, 0.05, Duration.ofSeconds(1)))
                .hasMessage("window must be at least 1 pass, was 0");
        assertThatThrownBy(() -> new Stability(3, 0, Duration.ofSeconds(1)))
                .hasMessage("tolerance must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> new Stability(3, 0.05, Duration.ZERO)).hasMessage("cap must be positive, was PT0S");
    }
}
