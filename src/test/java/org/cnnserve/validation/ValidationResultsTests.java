package org.cnnserve.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationResultsTests {

    private static final Instant STARTED = Instant.parse("2025-03-04T05:06:07.123456789Z");

    @TempDir
    Path root;

    private final List<ValidationReport> observed = new ArrayList<>();
    private final ValidationObserver observer = new ValidationObserver() {
        @Override
        public void reportStored(ValidationReport report) {
            observed.add(report);
        }
    };

    private static ValidationReport report(String model, int version, String dataset) {
        return new ValidationReport(model, version, dataset, "load", 3, 2 / 3.0, 1.0,
                List.of(new ValidationReport.ClassAccuracy("Sandal", 0, 2, 0.5),
                        new ValidationReport.ClassAccuracy("Ankle boot", 1, 1, 1.0)),
                new ValidationReport.Confusion(List.of("Sandal", "Ankle boot"), new int[][] {{1, 1}, {0, 1}}),
                new ValidationReport.Latency(1.25, 1.0, 2.5, 2.5), 42.5, STARTED, STARTED.plusMillis(70), null);
    }

    /** Writes the version's weights, and gives the report their fingerprint, as a job started on them would. */
    private ValidationReport measured(String model, int version, String dataset) throws IOException {
        Path folder = Files.createDirectories(root.resolve(model).resolve(Integer.toString(version)));
        if (!Files.exists(folder.resolve("model.zip"))) {
            Files.write(folder.resolve("model.zip"), new byte[] {1, 2, 3, (byte) version});
        }
        return report(model, version, dataset)
                .withWeights(new ValidationResults(root, ValidationObserver.NONE).weightsOf(model, version));
    }

    private static Path file(Path root, String model, int version, String dataset) {
        return root.resolve(model).resolve(Integer.toString(version)).resolve("validations").resolve(dataset + ".json");
    }

    @Test
    void aStoredReportIsWrittenUnderItsModelVersionAndDataSet() {
        new ValidationResults(root, observer).store(report("lenet", 3, "fashion-mnist"));

        assertThat(file(root, "lenet", 3, "fashion-mnist")).isRegularFile().content().contains("\"top1\"");
        assertThat(observed).hasSize(1);
    }

    @Test
    void aNewInstanceLoadsStoredReportsOfUnchangedWeightsBackAndTellsItsObserver() throws IOException {
        ValidationReport stored = measured("lenet", 3, "fashion-mnist");
        new ValidationResults(root, ValidationObserver.NONE).store(stored);

        ValidationResults restarted = new ValidationResults(root, observer);
        restarted.load();

        ValidationReport loaded = restarted.find("lenet", 3, "fashion-mnist").orElseThrow();
        assertThat(loaded).usingRecursiveComparison().isEqualTo(stored);
        assertThat(loaded.confusion().counts()).isDeepEqualTo(new int[][] {{1, 1}, {0, 1}});
        assertThat(loaded.startedAt()).isEqualTo(STARTED);
        assertThat(loaded.weights()).matches("sha256:[0-9a-f]{64}");
        assertThat(file(root, "lenet", 3, "fashion-mnist")).content().contains("\"weights\" : \"sha256:");
        assertThat(observed).containsExactly(loaded);
    }

    @Test
    void aReportIsNotLoadedOnceTheVersionsWeightsChangedButItsFileStays() throws IOException {
        new ValidationResults(root, ValidationObserver.NONE).store(measured("lenet", 3, "fashion-mnist"));
        new ValidationResults(root, ValidationObserver.NONE).store(measured("lenet", 4, "fashion-mnist"));
        Files.write(root.resolve("lenet").resolve("3").resolve("model.zip"), new byte[] {1, 2, 3, 4, 5});

        ValidationResults restarted = new ValidationResults(root, observer);
        restarted.load();

        assertThat(restarted.find("lenet", 3, "fashion-mnist")).isEmpty();
        assertThat(restarted.forModel("lenet")).extracting(ValidationReport::version).containsExactly(4);
        assertThat(observed).extracting(ValidationReport::version).containsExactly(4);
        assertThat(file(root, "lenet", 3, "fashion-mnist")).isRegularFile();
    }

    @Test
    void aReportIsNotLoadedOnceTheVersionsWeightsAreGone() throws IOException {
        new ValidationResults(root, ValidationObserver.NONE).store(measured("lenet", 3, "fashion-mnist"));
        Files.delete(root.resolve("lenet").resolve("3").resolve("model.zip"));

        ValidationResults restarted = new ValidationResults(root, observer);
        restarted.load();

        assertThat(restarted.find("lenet", 3, "fashion-mnist")).isEmpty();
        assertThat(observed).isEmpty();
    }

    @Test
    void aReportWrittenBeforeReportsCarriedTheirWeightsIsNotLoaded() throws IOException {
        measured("lenet", 3, "fashion-mnist");
        Files.createDirectories(file(root, "lenet", 3, "fashion-mnist").getParent());
        String written = """
                {
                  "model" : "lenet", "version" : 3, "dataset" : "fashion-mnist", "trigger" : "load",
                  "images" : 3, "top1" : 0.6666666666666666, "top5" : 1.0,
                  "per_class" : [ { "label" : "Sandal", "class_index" : 0, "images" : 3, "top1" : 0.6666666666666666 } ],
                  "confusion" : null,
                  "latency" : { "mean_ms" : 1.25, "p50_ms" : 1.0, "p99_ms" : 2.5, "max_ms" : 2.5 },
                  "images_per_second" : 42.5,
                  "started_at" : "2025-03-04T05:06:07.123456789Z", "finished_at" : "2025-03-04T05:06:07.193456789Z"
                }
                """;
        Files.writeString(file(root, "lenet", 3, "fashion-mnist"), written);

        ValidationResults restarted = new ValidationResults(root, observer);
        restarted.load();

        assertThat(restarted.find("lenet", 3, "fashion-mnist")).isEmpty();
        assertThat(observed).isEmpty();
        assertThat(file(root, "lenet", 3, "fashion-mnist")).hasContent(written);
    }

    @Test
    void reportsCanBeStoredApartFromTheWeightsTheyMeasured() throws IOException {
        Path results = root.resolve("results");
        ValidationReport stored = measured("lenet", 3, "fashion-mnist");
        new ValidationResults(results, root, ValidationObserver.NONE).store(stored);

        ValidationResults restarted = new ValidationResults(results, root, observer);
        restarted.load();

        assertThat(file(results, "lenet", 3, "fashion-mnist")).isRegularFile();
        assertThat(restarted.find("lenet", 3, "fashion-mnist")).isPresent();
        assertThat(observed).hasSize(1);
    }

    @Test
    void aCorruptFileIsSkippedAndTheOthersStillLoad() throws IOException {
        ValidationResults first = new ValidationResults(root, ValidationObserver.NONE);
        first.store(measured("lenet", 1, "a"));
        first.store(measured("lenet", 1, "c"));
        Files.writeString(file(root, "lenet", 1, "b"), "{\"model\": \"lenet\", \"top1\": 0.");

        ValidationResults restarted = new ValidationResults(root, observer);
        restarted.load();

        assertThat(restarted.forModel("lenet")).extracting(ValidationReport::dataset).containsExactly("a", "c");
        assertThat(observed).hasSize(2);
    }

    @Test
    void aJsonFileThatIsNoReportIsSkippedAndTheOthersStillLoad() throws IOException {
        new ValidationResults(root, ValidationObserver.NONE).store(measured("lenet", 1, "a"));
        Files.writeString(file(root, "lenet", 1, "b"), "null");
        Files.writeString(file(root, "lenet", 1, "c"),
                "{\"version\": 1, \"images\": 0, \"top1\": 0, \"top5\": 0, \"images_per_second\": 0}");

        ValidationResults restarted = new ValidationResults(root, observer);
        restarted.load();

        assertThat(restarted.forModel("lenet")).extracting(ValidationReport::dataset).containsExactly("a");
        assertThat(observed).extracting(ValidationReport::dataset).containsExactly("a");
    }

    @Test
    void anUnwritableRootKeepsTheReportInMemory() throws IOException {
        Path notADirectory = Files.writeString(root.resolve("models"), "a file where the models should be");
        ValidationResults results = new ValidationResults(notADirectory, observer);
        ValidationReport report = report("lenet", 3, "fashion-mnist");

        results.store(report);

        assertThat(results.find("lenet", 3, "fashion-mnist")).containsSame(report);
        assertThat(observed).containsExactly(report);
        assertThat(notADirectory).hasContent("a file where the models should be");
    }

    @Test
    void aLaterReportForTheSameDataSetReplacesTheEarlierOne() {
        ValidationResults results = new ValidationResults(root, observer);
        results.store(report("lenet", 3, "fashion-mnist"));
        ValidationReport later = report("lenet", 3, "fashion-mnist");
        results.store(later);

        assertThat(results.find("lenet", 3, "fashion-mnist")).containsSame(later);
        assertThat(results.forModel("lenet")).hasSize(1);
    }

    @Test
    void forModelListsOnlyThatModelsReportsByVersionThenDataSet() {
        ValidationResults results = new ValidationResults(root, observer);
        results.store(report("lenet", 10, "a"));
        results.store(report("alexnet", 1, "a"));
        results.store(report("lenet", 2, "b"));
        results.store(report("lenet", 2, "a"));

        assertThat(results.forModel("lenet")).extracting(r -> r.version() + "/" + r.dataset())
                .containsExactly("2/a", "2/b", "10/a");
        assertThat(results.forModel("resnet")).isEmpty();
    }

    @Test
    void nothingIsFoundForAnotherVersionOrDataSet() {
        ValidationResults results = new ValidationResults(root, observer);
        results.store(report("lenet", 3, "fashion-mnist"));

        assertThat(results.find("lenet", 4, "fashion-mnist")).isEmpty();
        assertThat(results.find("lenet", 3, "other")).isEmpty();
    }

    @Test
    void loadingAMissingRootFindsNothing() {
        ValidationResults results = new ValidationResults(root.resolve("absent"), observer);

        results.load();

        assertThat(results.forModel("lenet")).isEmpty();
        assertThat(observed).isEmpty();
    }
}
