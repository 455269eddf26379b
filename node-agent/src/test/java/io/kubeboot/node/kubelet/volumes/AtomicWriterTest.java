package io.kubeboot.node.kubelet.volumes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream atomic_writer_test.go: TestValidatePath, TestWriteOnce, TestUpdate, TestMultipleUpdates. */
class AtomicWriterTest {
    @TempDir
    Path dir;

    private static FileProjection f(String data, int mode) {
        return new FileProjection(data.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Test
    void validatePath() {
        String maxPath = "a".repeat(AtomicWriter.MAX_PATH_LENGTH);
        String maxFile = "a".repeat(AtomicWriter.MAX_FILE_NAME_LENGTH);
        record Case(String name, String path, String error) {
        }
        List<Case> cases = List.of(
                new Case("valid 1", "i/am/well/behaved.txt", null),
                new Case("valid 2", "keepyourheaddownandfollowtherules.txt", null),
                new Case("max path elem length", maxFile, null),
                new Case("dotdot prefix alone is a name", "..", "invalid path: must not contain '..': .."),
                new Case("max path length + 1", maxPath + "a", "invalid path: must be less than or equal to 4096 characters"),
                new Case("max path elem length + 1", maxFile + "a", "invalid path: filenames must be less than or equal to 255 characters"),
                new Case("absolute failure", "/dev/null", "invalid path: must be relative path: /dev/null"),
                new Case("reserved path", "..sneaky.txt", "invalid path: must not start with '..': ..sneaky.txt"),
                new Case("contains doubledot 1", "hello/there/../../../../../../etc/passwd",
                        "invalid path: must not contain '..': hello/there/../../../../../../etc/passwd"),
                new Case("contains doubledot 2", "hello/../etc/somethingbad", "invalid path: must not contain '..': hello/../etc/somethingbad"),
                new Case("empty", "", "invalid path: must not be empty: \"\""));
        for (Case c : cases) {
            if (c.error() == null) {
                AtomicWriter.validatePath(c.path());
            } else {
                assertThatThrownBy(() -> AtomicWriter.validatePath(c.path())).as(c.name()).hasMessage(c.error());
            }
        }
    }

    @Test
    void writeOnceCreatesDataLinkAndVisibleLinks() throws IOException {
        Map<String, FileProjection> payload = new LinkedHashMap<>();
        payload.put("foo", f("foo", 0644));
        payload.put("bar/zab.txt", f("zab", 0400));
        payload.put("./dotted", f("d", 0600));
        new AtomicWriter(dir).write(payload);

        assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString()).startsWith("..");
        assertThat(Files.readSymbolicLink(dir.resolve("foo"))).isEqualTo(Path.of("..data/foo"));
        assertThat(Files.readSymbolicLink(dir.resolve("bar"))).isEqualTo(Path.of("..data/bar"));
        assertThat(Files.readString(dir.resolve("foo"))).isEqualTo("foo");
        assertThat(Files.readString(dir.resolve("bar/zab.txt"))).isEqualTo("zab");
        assertThat(Files.readString(dir.resolve("dotted"))).isEqualTo("d");
        assertThat(AtomicWriter.modeOf(dir.resolve("..data/bar/zab.txt").toRealPath())).isEqualTo(0400);
        assertThat(AtomicWriter.modeOf(dir.resolve("..data/foo").toRealPath())).isEqualTo(0644);
    }

    @Test
    void updatesReplaceTheSetAndRemoveWhatLeft() throws IOException {
        record Step(Map<String, FileProjection> payload, List<String> visible) {
        }
        List<Step> steps = List.of(
                new Step(Map.of("foo", f("foo", 0644), "bar", f("bar", 0644)), List.of("bar", "foo")),
                new Step(Map.of("foo", f("foo2", 0644), "baz/zab", f("zab", 0644)), List.of("baz", "foo")),
                new Step(Map.of("foo", f("foo2", 0644)), List.of("foo")),
                new Step(Map.of(), List.of()),
                new Step(Map.of("a/b/c", f("deep", 0644)), List.of("a")));
        AtomicWriter writer = new AtomicWriter(dir);
        for (Step step : steps) {
            writer.write(step.payload());
            List<String> entries = writer.listTarget();
            List<String> visible = entries.stream().filter(n -> !n.startsWith("..")).toList();
            assertThat(visible).as("visible after %s", step.payload().keySet()).isEqualTo(step.visible());
            // exactly one timestamped folder remains besides ..data
            assertThat(entries.stream().filter(n -> n.startsWith("..") && !n.equals("..data"))).hasSize(1);
            for (Map.Entry<String, FileProjection> e : step.payload().entrySet()) {
                assertThat(Files.readAllBytes(dir.resolve(e.getKey()))).isEqualTo(e.getValue().data());
            }
        }
    }

    @Test
    void unchangedPayloadIsNotRewrittenButModeChangeIs() throws IOException {
        AtomicWriter writer = new AtomicWriter(dir);
        writer.write(Map.of("foo", f("foo", 0644)));
        Path first = Files.readSymbolicLink(dir.resolve("..data"));
        writer.write(Map.of("foo", f("foo", 0644)));
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(first);
        writer.write(Map.of("foo", f("foo", 0600)));
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isNotEqualTo(first);
        assertThat(AtomicWriter.modeOf(dir.resolve("foo").toRealPath())).isEqualTo(0600);
    }

    @Test
    void removedVisibleLinkIsRestored() throws IOException {
        AtomicWriter writer = new AtomicWriter(dir);
        writer.write(Map.of("foo", f("foo", 0644)));
        Files.delete(dir.resolve("foo"));
        writer.write(Map.of("foo", f("foo", 0644)));
        assertThat(Files.isSymbolicLink(dir.resolve("foo"))).isTrue();
        assertThat(Files.exists(dir.resolve("foo"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void invalidPayloadWritesNothing() {
        assertThatThrownBy(() -> new AtomicWriter(dir).write(Map.of("../escape", f("x", 0644))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid path: must not contain '..': ../escape");
        assertThat(dir.resolve("..data")).doesNotExist();
    }
}
