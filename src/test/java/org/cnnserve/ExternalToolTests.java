package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolTests {

    @TempDir
    Path dir;

    private Path tool(String name, String permissions) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void findsTheFirstExecutableOfThatNameOnThePath() throws IOException {
        Path tool = tool("faketool", "rwxr-xr-x");
        Map<String, String> env = Map.of("PATH", "/no/such/dir::" + dir);
        assertThat(ExternalTool.require("faketool", env).executable()).isEqualTo(tool);
    }

    @Test
    void aFileThatIsNotExecutableDoesNotCount() throws IOException {
        tool("faketool", "rw-r--r--");
        assertThat(ExternalTool.find("faketool", dir.toString())).isEmpty();
    }

    @Test
    void aMissingToolSkipsTheTestOutsideCi() {
        Map<String, String> env = Map.of("PATH", dir.toString(), "CI", "false");
        assertThatThrownBy(() -> ExternalTool.require("faketool", env))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("faketool is not on PATH");
    }

    @Test
    void aMissingToolFailsTheTestUnderCi() {
        Map<String, String> env = Map.of("PATH", dir.toString(), "CI", "true");
        assertThatThrownBy(() -> ExternalTool.require("faketool", env))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("faketool is not on PATH")
                .hasMessageContaining("CI=true");
    }

    @Test
    void runReportsTheExitCodeAndBothOutputStreams() {
        ExternalTool sh = ExternalTool.require("sh");
        ExternalTool.Result result = sh.run(Duration.ofSeconds(30), "-c", "echo to-out; echo to-err >&2; exit 3");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("to-out", "to-err");
        assertThat(result.describe()).startsWith(sh.executable() + " -c ").contains("exited with 3");
    }

    @Test
    void aRunPastItsTimeoutIsKilledAndFails() {
        ExternalTool sh = ExternalTool.require("sh");
        // exec: the shell becomes the sleeping process, so killing it leaves no orphan behind.
        assertThatThrownBy(() -> sh.run(Duration.ofMillis(200), "-c", "echo started; exec sleep 60"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("did not finish within PT0.2S")
                .hasMessageContaining("started");
    }
}
