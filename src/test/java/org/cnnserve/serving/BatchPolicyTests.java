package org.cnnserve.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPolicyTests {

    private static final Duration DELAY = Duration.ofMillis(2);

    @Test
    void preferredSizesAreStoredSortedWithoutDuplicates() {
        BatchPolicy policy = new BatchPolicy(8, DELAY, List.of(8, 2, 4, 2), 64);

        assertThat(policy.preferredBatchSizes()).containsExactly(2, 4, 8);
        assertThatThrownBy(() -> policy.preferredBatchSizes().add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noPreferredSizesMeansAnEmptyList() {
        assertThat(new BatchPolicy(8, DELAY, null, 64).preferredBatchSizes()).isEmpty();
    }

    @Test
    void aZeroDelayAndBatchesOfOneAreAllowed() {
        BatchPolicy policy = new BatchPolicy(1, Duration.ZERO, List.of(1), 1);

        assertThat(policy.maxQueueDelayNanos()).isZero();
    }

    @Test
    void aDelayTooLongForNanosecondsMeansNever() {
        BatchPolicy policy = new BatchPolicy(4, Duration.ofSeconds(Long.MAX_VALUE), List.of(), 8);

        assertThat(policy.maxQueueDelayNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theMaximumBatchSizeMustBeAtLeastOne() {
        assertThatThrownBy(() -> new BatchPolicy(0, DELAY, List.of(), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum batch size must be at least 1, was 0");
    }

    @Test
    void theDelayMustNotBeNegative() {
        assertThatThrownBy(() -> new BatchPolicy(4, Duration.ofMillis(-1), List.of(), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum queue delay must not be negative, was PT-0.001S");
    }

    @Test
    void theDelayMustBeGiven() {
        assertThatThrownBy(() -> new BatchPolicy(4, null, List.of(), 8))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maximum queue delay must be given; use Duration.ZERO for none");
    }

    @Test
    void aPreferredSizeAboveTheMaximumIsRejected() {
        assertThatThrownBy(() -> new BatchPolicy(4, DELAY, List.of(2, 5), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("each preferred batch size must be between 1 and the maximum batch size 4, was 5");
    }

    @Test
    void aPreferredSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> new BatchPolicy(4, DELAY, List.of(0), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("each preferred batch size must be between 1 and the maximum batch size 4, was 0");
    }

    @Test
    void aMissingPreferredSizeIsRejected() {
        assertThatThrownBy(() -> new BatchPolicy(4, DELAY, Arrays.asList(2, null), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("each preferred batch size must be between 1 and the maximum batch size 4, was null");
    }

    @Test
    void theQueueMustHoldAtLeastOneRequest() {
        assertThatThrownBy(() -> new BatchPolicy(4, DELAY, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum queue size must be at least 1, was 0");
    }
}
