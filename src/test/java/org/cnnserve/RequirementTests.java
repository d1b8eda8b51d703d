package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementTests {

    private static final Map<String, String> CI = Map.of("CI", "true");
    private static final Map<String, String> DEVELOPER = Map.of();

    @TempDir
    Path dir;

    @Test
    void somethingMissingSkipsTheTestOffCiSayingWhatAndHow() {
        assertThatThrownBy(() -> Requirement.unavailable("no widget", "install widget", DEVELOPER))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no widget")
                .hasMessageContaining("install widget");
    }

    @Test
    void somethingMissingFailsTheTestUnderCi() {
        assertThatThrownBy(() -> Requirement.unavailable("no widget", "install widget", CI))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no widget")
                .hasMessageContaining("CI=true");
    }

    @Test
    void ciCountsWhateverTheCaseOfTrue() {
        assertThat(Requirement.underCi(Map.of("CI", "TRUE"))).isTrue();
        assertThat(Requirement.underCi(Map.of("CI", "false"))).isFalse();
        assertThat(Requirement.underCi(DEVELOPER)).isFalse();
    }

    @Test
    void aFileThatExistsIsGivenBack() throws IOException {
        Path file = Files.writeString(dir.resolve("data.gz"), "x");
        assertThat(Requirement.file(file, "make it", CI)).isEqualTo(file);
    }

    @Test
    void aMissingFileFailsUnderCiAndSkipsElsewhere() throws IOException {
        Path missing = dir.resolve("data.gz");
        Path folder = Files.createDirectory(dir.resolve("folder.gz"));
        assertThatThrownBy(() -> Requirement.file(missing, "make it", CI))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> Requirement.file(folder, "make it", CI)).isInstanceOf(AssertionFailedError.class);
        assertThatThrownBy(() -> Requirement.file(missing, "make it", DEVELOPER))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("make it");
    }

    /**
     * A test that calls JUnit's or AssertJ's assumptions itself skips under CI too, and one that
     * reads a system path sees what that machine happens to have installed: both hide a check.
     */
    @Test
    void noTestSkipsOrReadsSystemDataExceptThroughRequirement() throws IOException {
        Pattern hiding = Pattern.compile("\\bAssumptions\\b|\\bassum(e|ing)[A-Z]\\w*\\s*\\(|\"/usr/share/");
        Path root = Path.of("src", "test", "java");
        List<Path> self = List.of(root.resolve("org/cnnserve/Requirement.java"),
                root.resolve("org/cnnserve/RequirementTests.java"));
        try (Stream<Path> sources = Files.walk(root)) {
            List<String> offenders = sources.filter(p -> p.toString().endsWith(".java") && !self.contains(p))
                    .filter(p -> hiding.matcher(read(p)).find()).map(Path::toString).sorted().toList();
            assertThat(offenders).as("tests that skip or read system data on their own").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
