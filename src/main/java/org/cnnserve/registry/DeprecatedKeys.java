package org.cnnserve.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code model.yaml} keys that took a number of milliseconds before the settings became durations.
 * Each is still read: it becomes its new key, with a warning that names the new key. A file with both
 * forms of one setting is refused, since a reader could not tell which one wins.
 */
final class DeprecatedKeys {

    private static final Logger log = LoggerFactory.getLogger(DeprecatedKeys.class);

    private static final List<Rename> RENAMES = List.of(
            new Rename("batching", "max_queue_delay_ms", "max_queue_delay"),
            new Rename(null, "request_timeout_ms", "request_timeout"));

    private DeprecatedKeys() {
    }

    /** Rewrites the deprecated keys of a parsed {@code file} in place. */
    static void migrate(ObjectNode config, Path file) {
        for (Rename rename : RENAMES) {
            JsonNode section = rename.section == null ? config : config.get(rename.section);
            if (section instanceof ObjectNode keys && keys.has(rename.oldKey)) {
                String milliseconds = rename.path(rename.oldKey);
                String duration = rename.path(rename.newKey);
                if (keys.has(rename.newKey)) {
                    throw new ModelRepositoryException("invalid " + file + ": both " + duration + " and "
                            + milliseconds + " are set; keep only " + duration + " (" + milliseconds
                            + " is its deprecated form in milliseconds)");
                }
                JsonNode value = keys.remove(rename.oldKey);
                if (!value.isNumber()) {
                    throw new ModelRepositoryException("invalid " + file + ": " + milliseconds
                            + " takes a number of milliseconds, was " + value + "; write " + duration
                            + " instead, e.g. " + rename.newKey + ": 5ms");
                }
                String text = simple(Duration.ofNanos(Math.round(value.doubleValue() * 1_000_000)));
                keys.put(rename.newKey, text);
                log.warn("{}: {} is deprecated; write {}: {} instead", file, milliseconds, duration, text);
            }
        }
    }

    /** The shortest form Spring's simple duration style reads back exactly ({@code 10ms}, {@code 500us}). */
    private static String simple(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        return nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
    }

    /** @param section the key holding both keys, or {@code null} for the top level */
    private record Rename(String section, String oldKey, String newKey) {

        String path(String key) {
            return section == null ? key : section + "." + key;
        }
    }
}
