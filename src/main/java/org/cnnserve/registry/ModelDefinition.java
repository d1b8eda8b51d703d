package org.cnnserve.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * A model folder as read from the repository: its config, labels and version numbers.
 *
 * @param versions version folder numbers, ascending
 */
public record ModelDefinition(String name, Path directory, ModelConfig config, List<String> labels,
                              List<Integer> versions) {

    public ModelDefinition {
        labels = List.copyOf(labels);
        versions = List.copyOf(versions);
    }

    /** The versions the config's version policy selects. */
    public List<Integer> versionsToLoad() {
        if (versions.isEmpty() || config.versionPolicy() == VersionPolicy.ALL) {
            return versions;
        }
        return List.of(versions.get(versions.size() - 1));
    }

    public Path versionDirectory(int version) {
        return directory.resolve(Integer.toString(version));
    }
}
