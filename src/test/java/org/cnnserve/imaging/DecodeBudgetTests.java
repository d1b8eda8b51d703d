package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecodeBudgetTests {

    @Test
    void reservationsWithinTheBudgetAreGrantedAndGivenBack() {
        DecodeBudget budget = new DecodeBudget(100, Duration.ZERO);

        try (DecodeBudget.Reservation a = budget.reserve(60); DecodeBudget.Reservation b = budget.reserve(40)) {
            assertThat(budget.reserved()).isEqualTo(100);
        }
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void aReservationThatDoesNotFitFailsOnceTheWaitIsOver() {
        DecodeBudget budget = new DecodeBudget(100, Duration.ZERO);
        try (DecodeBudget.Reservation held = budget.reserve(60)) {
            assertThatThrownBy(() -> budget.reserve(41)).isInstanceOf(DecodeBudgetExhaustedException.class);
            assertThat(budget.reserved()).isEqualTo(60);
        }
    }

    @Test
    void aWaitingReservationIsGrantedWhenAnotherIsReleased() throws Exception {
        DecodeBudget budget = new DecodeBudget(100, Duration.ofMinutes(1));
        DecodeBudget.Reservation held = budget.reserve(80);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<DecodeBudget.Reservation> waiter = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return budget.reserve(50);
        });
        started.await();
        assertThat(waiter).isNotDone();

        held.close();

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(budget.reserved()).isEqualTo(50);
    }

    @Test
    void oneReservationLargerThanTheWholeBudgetIsAdmittedAlone() {
        DecodeBudget budget = new DecodeBudget(100, Duration.ZERO);

        try (DecodeBudget.Reservation big = budget.reserve(500)) {
            assertThatThrownBy(() -> budget.reserve(1)).isInstanceOf(DecodeBudgetExhaustedException.class);
        }
    }

    @Test
    void closingTwiceGivesTheBytesBackOnce() {
        DecodeBudget budget = new DecodeBudget(100, Duration.ZERO);
        DecodeBudget.Reservation a = budget.reserve(30);
        try (DecodeBudget.Reservation b = budget.reserve(30)) {
            a.close();
            a.close();
            assertThat(budget.reserved()).isEqualTo(30);
        }
    }

    @Test
    void theEstimateComesFromTheHeaderAndCountsTheTensor() {
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 1 << 24));

        assertThat(decoder.estimateBytes(ImageShapeLimitsTests.greyPng(100, 50), 1000))
                .isEqualTo(100L * 50 * 24 + 1000 * 12);
    }
}
