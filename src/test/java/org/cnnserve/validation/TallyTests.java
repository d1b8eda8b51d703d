package org.cnnserve.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TallyTests {

    private static final List<String> TEN = IntStream.range(0, 10).mapToObj(c -> "c" + c).toList();
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long MS = 1_000_000;

    /** Class 0 most probable, then 1, ..., class 9 least: class c is ranked (c + 1)th. */
    private static float[] descending() {
        float[] p = new float[10];
        for (int c = 0; c < 10; c++) {
            p[c] = (10 - c) / 55f;
        }
        return p;
    }

    /** All probability on {@code predicted}. */
    private static float[] certain(int predicted) {
        float[] p = new float[10];
        p[predicted] = 1;
        return p;
    }

    private static ValidationReport report(Tally tally, double seconds) {
        return tally.report("m", 1, "d", "api", START, START.plusSeconds(1), seconds);
    }

    @Test
    void aTrueClassRankedFifthCountsForTop5ButSixthDoesNot() {
        Tally tally = new Tally(TEN, 4);
        tally.record(0, descending(), MS); // 1st: top-1 and top-5
        tally.record(4, descending(), MS); // 5th: top-5 only
        tally.record(5, descending(), MS); // 6th: neither
        tally.record(9, descending(), MS); // 10th: neither

        ValidationReport report = report(tally, 1);

        assertThat(report.images()).isEqualTo(4);
        assertThat(report.top1()).isEqualTo(0.25);
        assertThat(report.top5()).isEqualTo(0.5);
    }

    @Test
    void tiesCountInTheTrueClassesFavourForTop5() {
        float[] sixTied = new float[10];
        for (int c = 0; c < 6; c++) {
            sixTied[c] = 1 / 6f;
        }
        Tally tally = new Tally(TEN, 1);
        tally.record(5, sixTied, MS); // five classes as probable as the true one, none more

        assertThat(report(tally, 1).top5()).isEqualTo(1.0);
    }

    @Test
    void perClassAccuracyListsOnlyClassesWithImages() {
        Tally tally = new Tally(TEN, 3);
        tally.record(2, certain(2), MS);
        tally.record(2, certain(7), MS);
        tally.record(7, certain(7), MS);

        assertThat(report(tally, 1).perClass()).containsExactly(
                new ValidationReport.ClassAccuracy("c2", 2, 2, 0.5),
                new ValidationReport.ClassAccuracy("c7", 7, 1, 1.0));
    }

    @Test
    void confusionCountsTrueClassesInRowsAndPredictionsInColumns() {
        Tally tally = new Tally(List.of("a", "b", "c"), 4);
        tally.record(0, new float[] {0.9f, 0.1f, 0}, MS);
        tally.record(0, new float[] {0.2f, 0.1f, 0.7f}, MS);
        tally.record(0, new float[] {0.2f, 0.1f, 0.7f}, MS);
        tally.record(1, new float[] {0.6f, 0.3f, 0.1f}, MS);

        ValidationReport.Confusion confusion = report(tally, 1).confusion();

        assertThat(confusion.labels()).containsExactly("a", "b", "c");
        assertThat(confusion.counts()).isDeepEqualTo(new int[][] {{1, 0, 2}, {1, 0, 0}, {0, 0, 0}});
    }

    @Test
    void thereIsAConfusionMatrixUpToTheLimitAndNoneAboveIt() {
        Tally atLimit = new Tally(labels(Tally.MAX_CONFUSION_CLASSES), 0);
        Tally aboveLimit = new Tally(labels(Tally.MAX_CONFUSION_CLASSES + 1), 1);
        aboveLimit.record(0, new float[Tally.MAX_CONFUSION_CLASSES + 1], MS);

        assertThat(report(atLimit, 1).confusion().counts()).hasNumberOfRows(Tally.MAX_CONFUSION_CLASSES);
        ValidationReport above = report(aboveLimit, 1);
        assertThat(above.confusion()).isNull();
        assertThat(above.top1()).isEqualTo(1.0);
    }

    private static List<String> labels(int n) {
        return IntStream.range(0, n).mapToObj(c -> "c" + c).toList();
    }

    @Test
    void latencyIsMeanNearestRankPercentilesAndMaxInMilliseconds() {
        Tally tally = new Tally(TEN, 100);
        for (int ms = 100; ms >= 1; ms--) { // out of order, so the percentiles must sort
            tally.record(0, certain(0), ms * MS);
        }

        assertThat(report(tally, 1).latency()).isEqualTo(new ValidationReport.Latency(50.5, 50, 99, 100));
    }

    @Test
    void imagesPerSecondUsesTheSecondsGiven() {
        Tally tally = new Tally(TEN, 5);
        for (int i = 0; i < 5; i++) {
            tally.record(0, certain(0), MS);
        }

        assertThat(report(tally, 2).imagesPerSecond()).isEqualTo(2.5);
        assertThat(report(tally, 0).imagesPerSecond()).isZero();
    }

    @Test
    void anEmptyTallyReportsZeros() {
        ValidationReport report = new Tally(TEN, 0).report("m", 3, "d", "load", START, START.plusSeconds(2), 2);

        assertThat(report.images()).isZero();
        assertThat(report.top1()).isZero();
        assertThat(report.top5()).isZero();
        assertThat(report.perClass()).isEmpty();
        assertThat(report.latency()).isEqualTo(new ValidationReport.Latency(0, 0, 0, 0));
        assertThat(report.imagesPerSecond()).isZero();
        assertThat(report.confusion().counts()).isDeepEqualTo(new int[10][10]);
        assertThat(report).extracting(ValidationReport::model, ValidationReport::version, ValidationReport::dataset,
                ValidationReport::trigger, ValidationReport::startedAt, ValidationReport::finishedAt)
                .containsExactly("m", 3, "d", "load", START, START.plusSeconds(2));
    }
}
