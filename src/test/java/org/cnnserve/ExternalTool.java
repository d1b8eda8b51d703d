package org.cnnserve;

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

/**
 * An executable that a test runs (promtool, prometheus, docker-compose, git), looked up on PATH.
 *
 * <p>When the tool is missing the test is skipped on a developer's machine but fails when
 * {@code CI=true}, through {@link Requirement} like every other missing thing a test needs.
 */
public final class ExternalTool {

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /** The tool on this process's PATH; skips the calling test, or fails it under CI, when absent. */
    public static ExternalTool require(String name) {
        return require(name, System.getenv());
    }

    /** As {@link #require(String)}, reading PATH and CI from {@code environment}. */
    public static ExternalTool require(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        Optional<Path> found = find(name, path);
        if (found.isPresent()) {
            return new ExternalTool(found.get());
        }
        return Requirement.unavailable(name + " is not on PATH (" + path + ")",
                "install " + name + " (.ci/run does on CI)", environment);
    }

    /** The first executable file called {@code name} in the directories of {@code path}. */
    public static Optional<Path> find(String name, String path) {
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

    public Path executable() {
        return executable;
    }

    /**
     * Runs the tool in the current directory (the project root under Maven) and waits for it.
     * Output goes to a file rather than a pipe so that a chatty tool cannot block on a full pipe
     * while we wait for it to exit. A run past {@code timeout} is killed and fails the test.
     */
    public Result run(Duration timeout, String... arguments) {
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
    public record Result(List<String> command, int exitCode, String output) {

        /** The command, exit code and output, for an assertion's failure message. */
        public String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + output;
        }
    }
}
