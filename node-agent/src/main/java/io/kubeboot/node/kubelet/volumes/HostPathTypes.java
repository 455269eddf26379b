package io.kubeboot.node.kubelet.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Upstream hostPath checkType: {@code DirectoryOrCreate} (made with mode 0755) and {@code FileOrCreate} (0644)
 * create what is missing; {@code Directory}, {@code File}, {@code Socket}, {@code CharDevice} and
 * {@code BlockDevice} only check; unset means no check. Failures are {@link IllegalArgumentException}s with
 * upstream's message.
 */
final class HostPathTypes {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private HostPathTypes() {
    }

    static void check(String pathName, String type) {
        if (type == null || type.isEmpty()) {
            return;
        }
        Path path = Path.of(pathName);
        switch (type) {
            case "DirectoryOrCreate" -> {
                if (!Files.exists(path)) {
                    makeDir(path);
                    return;
                }
                checkDirectory(pathName, path);
            }
            case "Directory" -> checkDirectory(pathName, path);
            case "FileOrCreate" -> {
                if (!Files.exists(path)) {
                    makeFile(path);
                    return;
                }
                checkFile(pathName, path);
            }
            case "File" -> checkFile(pathName, path);
            case "Socket" -> checkKind(path, S_IFSOCK, "hostPath type check failed: " + pathName + " is not a socket file");
            case "CharDevice" -> checkKind(path, S_IFCHR, "hostPath type check failed: " + pathName + " is not a character device");
            case "BlockDevice" -> checkKind(path, S_IFBLK, "hostPath type check failed: " + pathName + " is not a block device");
            default -> throw new IllegalArgumentException(type + " is an invalid volume type");
        }
    }

    private static void checkDirectory(String name, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("hostPath type check failed: " + name + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("hostPath type check failed: " + name + " is not a directory");
        }
    }

    private static void checkFile(String name, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("hostPath type check failed: " + name + " does not exist");
        }
        // upstream IsFile: anything that is not a directory
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("hostPath type check failed: " + name + " is not a file");
        }
    }

    private static void checkKind(Path path, int kind, String message) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            if ((mode & S_IFMT) == kind) {
                return;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // missing or unreadable: the same failure as a wrong kind, as upstream
        }
        throw new IllegalArgumentException(message);
    }

    private static void makeDir(Path path) {
        try {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new IllegalArgumentException("mkdir " + path + ": " + e.getMessage(), e);
        }
    }

    private static void makeFile(Path path) {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("open " + path + ": no such file or directory", e);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created concurrently
        } catch (IOException e) {
            throw new IllegalArgumentException("open " + path + ": " + e.getMessage(), e);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("open " + path + ": no such file or directory");
        }
    }
}
