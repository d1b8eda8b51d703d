package org.cnnserve.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * An executable that a deployment test runs (promtool, prometheus, docker-compose), looked up on PATH.
 *
 * <p>When the tool is missing the test is skipped on a developer's machine, where installing
 * Prometheus just to build is too much to ask, but fails when {@code CI=true}: a CI image that lost
 * the tool must not turn these checks into a silent skip.
 */
final class ExternalTool {

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /** The tool on this process's PATH; skips the calling test, or fails it under CI, when absent. */
    static ExternalTool require(String name) {
        return require(name, System.getenv());
    }

    /** As {@link #require(String)}, reading PATH and CI from {@code environment}. */
    static ExternalTool require(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        Optional<Path> found = find(name, path);
        if (found.isPresent()) {
            return new ExternalTool(found.get());
        }
        return unavailable(name + " is not on PATH (" + path + ")", "install " + name + " (.ci/run does on CI)",
                environment);
    }

    /**
     * Skips the calling test because {@code missing} is, or fails it when {@code CI=true}; {@code remedy}
     * says what to do about it ("install docker-compose"). Declared to return so that a caller can
     * {@code return unavailable(...)}; it never does.
     */
    static <T> T unavailable(String missing, String remedy, Map<String, String> environment) {
        if ("true".equalsIgnoreCase(environment.get("CI"))) {
            return Assertions.fail(missing + "; CI=true, where this test must run rather than be skipped: "
                    + remedy);
        }
        return Assumptions.abort(missing + "; skipping. To run this test, " + remedy + " (under CI=true it fails)");
    }

    /** The first executable file called {@code name} in the directories of {@code path}. */
    static Optional<Path> find(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    /**
     * Runs the tool in the current directory (the project root under Maven) and waits for it.
     * Output goes to a file rather than a pipe so that a chatty tool cannot block on a full pipe
     * while we wait for it to exit. A run past {@code timeout} is killed and fails the test.
     */
    Result run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Path output = null;
        try {
            output = Files.createTempFile("external-tool-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return Assertions.fail(String.join(" ", command) + " did not finish within " + timeout
                        + "; its output so far:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover file in the temp directory must not hide the test's own outcome.
        }
    }

    /** How a run ended: its exit code and its standard output and error, interleaved. */
    record Result(List<String> command, int exitCode, String output) {

        /** The command, exit code and output, for an assertion's failure message. */
        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + output;
        }
    }
}
