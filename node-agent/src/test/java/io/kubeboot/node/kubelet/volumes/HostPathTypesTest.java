package io.kubeboot.node.kubelet.volumes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream host_path_test.go TestHostPathTypeCheckingInternal, on real files of a temp folder. */
class HostPathTypesTest {
    @TempDir
    Path dir;

    @Test
    void typeChecks() throws IOException {
        Path existingDir = Files.createDirectory(dir.resolve("dir"));
        Path existingFile = Files.createFile(dir.resolve("file"));
        String missing = dir.resolve("missing").toString();
        String d = existingDir.toString();
        String f = existingFile.toString();
        record Case(String name, String path, String type, String error) {
        }
        List<Case> cases = List.of(
                new Case("unset: no check", missing, "", null),
                new Case("null: no check", missing, null, null),
                new Case("Directory exists", d, "Directory", null),
                new Case("Directory missing", missing, "Directory", "hostPath type check failed: " + missing + " does not exist"),
                new Case("Directory is a file", f, "Directory", "hostPath type check failed: " + f + " is not a directory"),
                new Case("DirectoryOrCreate on a file", f, "DirectoryOrCreate", "hostPath type check failed: " + f + " is not a directory"),
                new Case("File exists", f, "File", null),
                new Case("File missing", missing, "File", "hostPath type check failed: " + missing + " does not exist"),
                new Case("File is a directory", d, "File", "hostPath type check failed: " + d + " is not a file"),
                new Case("FileOrCreate on a directory", d, "FileOrCreate", "hostPath type check failed: " + d + " is not a file"),
                new Case("Socket", f, "Socket", "hostPath type check failed: " + f + " is not a socket file"),
                new Case("CharDevice /dev/null", "/dev/null", "CharDevice", null),
                new Case("CharDevice on a file", f, "CharDevice", "hostPath type check failed: " + f + " is not a character device"),
                new Case("BlockDevice on a file", f, "BlockDevice", "hostPath type check failed: " + f + " is not a block device"),
                new Case("invalid type", d, "Weird", "Weird is an invalid volume type"));
        for (Case c : cases) {
            if (c.error() == null) {
                HostPathTypes.check(c.path(), c.type());
            } else {
                assertThatThrownBy(() -> HostPathTypes.check(c.path(), c.type())).as(c.name()).hasMessage(c.error());
            }
        }
    }

    @Test
    void orCreateTypesCreate() throws IOException {
        Path newDir = dir.resolve("a/b/c");
        HostPathTypes.check(newDir.toString(), "DirectoryOrCreate");
        assertThat(newDir).isDirectory();
        assertThat(AtomicWriter.modeOf(newDir)).isEqualTo(0755);

        Path newFile = dir.resolve("new.txt");
        HostPathTypes.check(newFile.toString(), "FileOrCreate");
        assertThat(newFile).isRegularFile();
        assertThat(AtomicWriter.modeOf(newFile)).isEqualTo(0644);

        String orphan = dir.resolve("no/parent.txt").toString();
        assertThatThrownBy(() -> HostPathTypes.check(orphan, "FileOrCreate")).hasMessage("open " + orphan + ": no such file or directory");
    }
}
