package org.cnnserve.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnserve.engine.onnx.OnnxModelFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A model repository directory: one folder per model holding {@code model.yaml}, a labels file and
 * numbered version folders ({@code 1/}, {@code 2/}, ...) with the weights in {@code model.zip}.
 */
public final class ModelRepository {

    /** The config file that marks a folder as a model. */
    public static final String CONFIG_FILE = "model.yaml";
    /** The weights file inside a version folder (DL4J ModelSerializer format). */
    public static final String WEIGHTS_FILE = "model.zip";
    /** Every file a version folder's weights may be in, in a fixed order: DL4J's, then ONNX's. */
    public static final List<String> WEIGHTS_FILES = List.of(WEIGHTS_FILE, OnnxModelFile.FILE_NAME);

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Jackson 3 fails on absent primitives by default; absent means the default here.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("spring-durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private final Path root;

    public ModelRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Names of the folders that hold a {@value #CONFIG_FILE}, sorted. */
    public List<String> modelNames() {
        if (!Files.isDirectory(root)) {
            throw new ModelRepositoryException("model repository " + root + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(root)) {
            // Hidden folders are work in progress, such as a model the train command is still writing.
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")
                            && Files.isRegularFile(p.resolve(CONFIG_FILE)))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model repository " + root, e);
        }
    }

    /** Reads one model folder; every problem is reported with the file it concerns. */
    public ModelDefinition read(String name) {
        Path dir = root.resolve(name);
        Path configFile = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelRepositoryException("no " + CONFIG_FILE + " in " + dir);
        }
        ModelConfig config = parseConfig(configFile);
        List<String> labels = readLabels(dir.resolve(config.labels()), config.classes());
        return new ModelDefinition(name, dir, config, labels, versions(dir));
    }

    /**
     * The version folder numbers of the model folder {@code name}, ascending, without reading its
     * config; empty when there is no such folder.
     */
    public List<Integer> versionFolders(String name) {
        Path dir = root.resolve(name).normalize();
        if (!dir.getParent().equals(root) || !Files.isDirectory(dir)) {
            return List.of();
        }
        return versions(dir);
    }

    static ModelConfig parseConfig(Path file) {
        try {
            JsonNode tree = YAML.readTree(file.toFile());
            if (!(tree instanceof ObjectNode config)) {
                throw new ModelRepositoryException("invalid " + file + ": expected keys such as architecture and input,"
                        + " found " + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType()));
            }
            DeprecatedKeys.migrate(config, file);
            return YAML.treeToValue(config, ModelConfig.class);
        } catch (JacksonException e) {
            throw new ModelRepositoryException("invalid " + file + ": " + rootCauseMessage(e), e);
        }
    }

    private static List<String> readLabels(Path file, int classes) {
        List<String> labels;
        try {
            labels = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new ModelRepositoryException("cannot read labels file " + file + ": " + e, e);
        }
        if (labels.size() != classes) {
            throw new ModelRepositoryException("labels file " + file + " has " + labels.size()
                    + " labels but the model has " + classes + " classes");
        }
        return labels;
    }

    private static List<Integer> versions(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> VERSION.matcher(n).matches())
                    .map(Integer::valueOf)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list versions of " + dir, e);
        }
    }

    private static String rootCauseMessage(JacksonException e) {
        // A record's compact constructor states the broken rule; Jackson wraps it.
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t.getMessage() + " (at " + e.getPathReference() + ")";
            }
        }
        return e.getOriginalMessage() + " (at " + e.getPathReference() + ")";
    }
}
