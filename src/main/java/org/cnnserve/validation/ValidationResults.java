package org.cnnserve.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
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
 */
final class ValidationResults {

    private static final Logger log = LoggerFactory.getLogger(ValidationResults.class);
    private static final String FOLDER = "validations";
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private record Key(String model, int version, String dataset) {
    }

    private final Path root;
    private final ValidationObserver observer;
    private final Map<Key, ValidationReport> latest = new ConcurrentHashMap<>();

    ValidationResults(Path root, ValidationObserver observer) {
        this.root = root;
        this.observer = observer;
    }

    /** Reads every stored report under the root; an unreadable file is skipped with a warning. */
    void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile()
                && p.getParent().getFileName().toString().equals(FOLDER) && p.toString().endsWith(".json"))) {
            files.sorted().forEach(this::read);
        } catch (IOException e) {
            log.warn("cannot list stored validation reports under {}: {}", root, e.getMessage());
        }
    }

    private void read(Path file) {
        try {
            ValidationReport report = JSON.readValue(file.toFile(), ValidationReport.class);
            // JSON null, or an object without these, parses; keeping it would fail start-up or every listing.
            if (report == null || report.model() == null || report.dataset() == null) {
                log.warn("skipping validation report {}: it names no model or data set", file);
                return;
            }
            latest.put(key(report), report);
            observer.reportStored(report);
        } catch (JacksonException e) {
            log.warn("skipping unreadable validation report {}: {}", file, e.getOriginalMessage());
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
