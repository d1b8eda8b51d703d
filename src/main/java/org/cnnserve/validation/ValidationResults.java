package org.cnnserve.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest report per model, version and data set, kept as
 * {@code <root>/<model>/<version>/validations/<data set>.json} and read back at start-up, so that the
 * accuracy a model last measured survives a restart. A root that cannot be written (a read-only
 * image) keeps reports in memory only, and says so in the log.
 * <p>
 * A version folder's weights can be replaced in place (new weights copied into {@code 1/}, a model
 * retrained under the same version number), so each report carries the {@link WeightsFingerprint}
 * of the weights it measured, and start-up keeps only the reports whose weights are still on disk:
 * the service must not publish an accuracy the weights it serves never measured.
 */
final class ValidationResults {

    private static final Logger log = LoggerFactory.getLogger(ValidationResults.class);
    private static final String FOLDER = "validations";
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private record Key(String model, int version, String dataset) {
    }

    private record Folder(String model, int version) {
    }

    private final Path root;
    private final Path repository;
    private final ValidationObserver observer;
    private final Map<Key, ValidationReport> latest = new ConcurrentHashMap<>();

    /** Reports kept in the model repository, beside the weights they measured. */
    ValidationResults(Path repository, ValidationObserver observer) {
        this(repository, repository, observer);
    }

    /**
     * @param root       where reports are stored
     * @param repository the model repository, whose {@code <model>/<version>/} folders hold the weights
     */
    ValidationResults(Path root, Path repository, ValidationObserver observer) {
        this.root = root;
        this.repository = repository;
        this.observer = observer;
    }

    /**
     * Reads every stored report under the root. An unreadable file, and a report of weights that are no
     * longer the version folder's, are skipped with a warning and left on disk: the version's next
     * validation replaces them.
     */
    void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile()
                && p.getParent().getFileName().toString().equals(FOLDER) && p.toString().endsWith(".json"))) {
            Map<Folder, Optional<String>> current = new HashMap<>();
            files.sorted().forEach(file -> read(file, current));
        } catch (IOException e) {
            log.warn("cannot list stored validation reports under {}: {}", root, e.getMessage());
        }
    }

    /** @param current fingerprints read so far in this load, so that a version's weights are hashed once */
    private void read(Path file, Map<Folder, Optional<String>> current) {
        try {
            ValidationReport report = JSON.readValue(file.toFile(), ValidationReport.class);
            // JSON null, or an object without these, parses; keeping it would fail start-up or every listing.
            if (report == null || report.model() == null || report.dataset() == null) {
                log.warn("skipping validation report {}: it names no model or data set", file);
                return;
            }
            if (report.weights() == null) {
                log.warn("skipping validation report {}: it has no weights fingerprint, so it may describe other "
                        + "weights than version {} holds now (validation.at_load: missing measures it again)", file,
                        report.version());
                return;
            }
            String weights = current.computeIfAbsent(new Folder(report.model(), report.version()),
                    f -> Optional.ofNullable(weightsOf(f.model(), f.version()))).orElse(null);
            if (!report.weights().equals(weights)) {
                log.warn("skipping validation report {}: the weights of version {} changed since it was measured "
                        + "({}, now {}; validation.at_load: missing measures it again)", file, report.version(),
                        report.weights(), weights == null ? "no readable weights file" : weights);
                return;
            }
            latest.put(key(report), report);
            observer.reportStored(report);
        } catch (JacksonException e) {
            log.warn("skipping unreadable validation report {}: {}", file, e.getOriginalMessage());
        }
    }

    /**
     * The fingerprint of a version's weights as they are on disk now.
     *
     * @return {@code null} when the version folder holds no weights file, or they cannot be read (logged)
     */
    String weightsOf(String model, int version) {
        Path folder = repository.resolve(model).resolve(Integer.toString(version));
        try {
            return WeightsFingerprint.of(folder);
        } catch (IOException e) {
            log.warn("cannot read the weights in {} to fingerprint them: {}", folder, e.getMessage());
            return null;
        }
    }

    void store(ValidationReport report) {
        latest.put(key(report), report);
        observer.reportStored(report);
        Path file = root.resolve(report.model()).resolve(Integer.toString(report.version())).resolve(FOLDER)
                .resolve(report.dataset() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), report);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | JacksonException e) {
            log.warn("cannot store the validation report at {} (kept in memory until the service stops): {}", file,
                    e.getMessage());
        }
    }

    Optional<ValidationReport> find(String model, int version, String dataset) {
        return Optional.ofNullable(latest.get(new Key(model, version, dataset)));
    }

    List<ValidationReport> forModel(String model) {
        return latest.values().stream().filter(r -> r.model().equals(model))
                .sorted(Comparator.comparing(ValidationReport::version).thenComparing(ValidationReport::dataset))
                .toList();
    }

    private static Key key(ValidationReport report) {
        return new Key(report.model(), report.version(), report.dataset());
    }
}
