package org.cnnserve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test says that something outside it is missing: a tool, a running server, a file.
 *
 * <p>On a developer's machine the test is skipped with a message that says what is missing and how
 * to get it, since installing Prometheus or Docker just to build is too much to ask. Under
 * {@code CI=true} it fails instead: a CI image that lost the tool, or a step that did not start the
 * server, must not turn these checks into a silent skip. No other test calls JUnit's or AssertJ's
 * assumptions, nor reads a system path: {@code RequirementTests} checks the test sources for both.
 */
public final class Requirement {

    private Requirement() {
    }

    /**
     * Skips the calling test because {@code missing} is, or fails it when {@code CI=true}; {@code remedy}
     * says what to do about it ("install docker-compose"). Declared to return so that a caller can
     * {@code return unavailable(...)}; it never does.
     */
    public static <T> T unavailable(String missing, String remedy) {
        return unavailable(missing, remedy, System.getenv());
    }

    /** As {@link #unavailable(String, String)}, reading CI from {@code environment}. */
    public static <T> T unavailable(String missing, String remedy, Map<String, String> environment) {
        if (underCi(environment)) {
            return Assertions.fail(missing + "; CI=true, where this test must run rather than be skipped: "
                    + remedy);
        }
        return Assumptions.abort(missing + "; skipping. To run this test, " + remedy + " (under CI=true it fails)");
    }

    /** {@code file}, which must exist as a regular file; skips or fails as {@link #unavailable} when not. */
    public static Path file(Path file, String remedy) {
        return file(file, remedy, System.getenv());
    }

    /** As {@link #file(Path, String)}, reading CI from {@code environment}. */
    public static Path file(Path file, String remedy, Map<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            return unavailable("no file " + file.toAbsolutePath(), remedy, environment);
        }
        return file;
    }

    /** Whether this run is CI's ({@code CI=true}, as .ci/run and most CI services set it). */
    public static boolean underCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.get("CI"));
    }
}
