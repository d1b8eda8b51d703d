package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

class OptimiserTests {

    private final Optimiser optimiser = new Optimiser(0.05, 0.9, 5e-4, 1);

    @Test
    void theRateFallsTenfoldAtHalfAndAtThreeQuartersOfTheSteps() {
        ISchedule rates = optimiser.rates(100);

        assertThat(rates.valueAt(49, 0)).isEqualTo(0.05);
        assertThat(rates.valueAt(50, 0)).isCloseTo(0.005, offset(1e-12));
        assertThat(rates.valueAt(74, 0)).isCloseTo(0.005, offset(1e-12));
        assertThat(rates.valueAt(75, 0)).isCloseTo(0.0005, offset(1e-12));
    }

    @Test
    void aRunAsLongAsAnIntCanCountKeepsItsRateUntilHalfWay() {
        ISchedule rates = optimiser.rates(Integer.MAX_VALUE);

        assertThat(rates.valueAt(Integer.MAX_VALUE / 2 - 1, 0)).isEqualTo(0.05);
        assertThat(rates.valueAt(Integer.MAX_VALUE - 1, 0)).isCloseTo(0.0005, offset(1e-12));
    }
}
