package org.cnnserve.registry;

import java.io.File;
import java.nio.file.Path;

/**
 * Failure reasons as the API shows them: paths inside the model repository relative to it
 * ({@code lenet5-fashion/1/model.zip}), so that no answer tells a client where the service's files lie.
 */
final class Reasons {

    private Reasons() {
    }

    /** {@code message} with every occurrence of the repository's absolute path made relative to it. */
    static String relative(String message, Path repository) {
        if (message == null || repository == null) {
            return message;
        }
        String relative = message;
        for (Path root : roots(repository)) {
            String prefix = root.toString();
            relative = relative.replace(prefix + File.separator, "").replace(prefix, ".");
        }
        return relative;
    }

    // The path as configured, and as the file system resolves it, since messages may carry either.
    private static Path[] roots(Path repository) {
        Path absolute = repository.toAbsolutePath().normalize();
        try {
            Path real = absolute.toRealPath();
            return real.equals(absolute) ? new Path[] {absolute} : new Path[] {absolute, real};
        } catch (java.io.IOException | SecurityException e) {
            return new Path[] {absolute};
        }
    }
}
