package org.cnnserve.web;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.LectureCheck;
import org.cnnserve.metrics.ServingStats;
import org.cnnserve.metrics.VersionStats;
import org.cnnserve.registry.LoadMemory;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.VersionStatus;
import org.cnnserve.registry.WeightsStatus;
import org.cnnserve.serving.ServingProperties;
import org.cnnserve.validation.ValidationReport;
import org.cnnserve.validation.ValidationService;
import org.springframework.context.annotation.Bean;

/** What the page's slice tests serve: a READY LeNet with a report and live numbers, and a broken model folder. */
final class PageFixture {

    static final Instant FINISHED = Instant.parse("2026-12-01T10:15:00Z");

    static class Beans {
        @Bean
        ServingProperties servingProperties() {
            return new ServingProperties(8, Duration.ofMillis(5), 64, Duration.ofSeconds(30), Duration.ofSeconds(30),
                    List.of("cpu"), 1, null);
        }

        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(1));
        }
    }

    private PageFixture() {
    }

    static void serve(ModelRegistry registry, ValidationService validations, ServingStats stats,
                      CatalogueFigures catalogue) {
        VersionStatus v1 = new VersionStatus(1, ModelState.READY, null, WeightsStatus.TRAINED, "native", 61_706, 0,
                246_824, 416_520, 123_456, 900, new LoadMemory(100L << 20, 103L << 20));
        ModelStatus lenet = new ModelStatus("lenet5-fashion", ModelState.READY, null,
                "LeNet <script>alert(1)</script> & friends", "lenet5", new InputShape(28, 28, 1), 10, 1, List.of(v1));
        ModelStatus broken = new ModelStatus("broken", ModelState.FAILED, "version 1 has no model.zip", null,
                "lenet5", new InputShape(28, 28, 1), 2, null, List.of());
        given(registry.models()).willReturn(List.of(broken, lenet));
        given(registry.model("lenet5-fashion")).willReturn(Optional.of(lenet));
        given(registry.config(anyString())).willReturn(Optional.empty());
        ValidationReport report = new ValidationReport("lenet5-fashion", 1, "fashion-mnist", "load", 10_000, 0.9123,
                0.9987, List.of(new ValidationReport.ClassAccuracy("Ankle boot", 9, 1000, 0.95),
                new ValidationReport.ClassAccuracy("Bag", 8, 1000, 0.97)),
                new ValidationReport.Confusion(List.of("Ankle boot", "Bag"), new int[][] {{950, 50}, {30, 970}}),
                new ValidationReport.Latency(1.0, 0.9, 3.2, 8.0), 812.0, FINISHED.minusSeconds(12), FINISHED,
                "sha256:" + "0".repeat(64));
        given(validations.reports("lenet5-fashion")).willReturn(List.of(report));
        given(validations.reports("broken")).willReturn(List.of());
        given(validations.datasets()).willReturn(List.of("fashion-mnist"));
        given(stats.of(anyString(), anyInt())).willAnswer(call -> new VersionStats(call.getArgument(0),
                call.getArgument(1), 42, 7.5, 31.0, 3.25, 1.5, 461.5, 2.0));
        given(catalogue.entries()).willReturn(List.of(
                new CatalogueFigures.Entry("lenet5", "LeNet-5", "32x32x1", 61_706, 416_520),
                new CatalogueFigures.Entry("vgg16", "VGG-16", "224x224x3", 138_357_544, 15_470_264_320L)));
        given(catalogue.lectureChecks()).willReturn(List.of(new LectureCheck("vgg16-parameters", "VGG-16 parameters",
                new LectureCheck.Figure("138M", 138e6), 138_357_544d, "parameters", 0.01, true, -0.0026, "agrees",
                "counted layer by layer")));
    }
}
