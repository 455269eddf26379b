package io.kubeboot.node.kubelet.volumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Upstream pkg/volume/util/atomic_writer.go: writes a set of files into a target folder so that a reader sees either
 * the whole old set or the whole new one. The files live in a hidden timestamped folder ({@code ..2006_01_02_15_04_05.NNN});
 * {@code ..data} is a symlink to the current one, swapped by an atomic rename of {@code ..data_tmp}; every top-level
 * user-visible name is a symlink {@code <name> -> ..data/<name>}. Unchanged content is not rewritten. Names that left
 * the payload are removed, then the old timestamped folder.
 *
 * <p>Not thread safe for one target folder (the volume manager writes a pod's volumes from its one worker).
 */
public class AtomicWriter {
    static final String DATA_DIR = "..data";
    static final String NEW_DATA_DIR = "..data_tmp";
    static final int MAX_FILE_NAME_LENGTH = 255;
    static final int MAX_PATH_LENGTH = 4096;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.").withZone(ZoneOffset.UTC);

    private final Path targetDir;
    private final Clock clock;

    public AtomicWriter(Path targetDir) {
        this(targetDir, Clock.systemUTC());
    }

    AtomicWriter(Path targetDir, Clock clock) {
        this.targetDir = targetDir;
        this.clock = clock;
    }

    /**
     * Makes the target folder hold exactly {@code payload} (relative paths to files).
     *
     * @throws IllegalArgumentException for an invalid path, with upstream's message
     * @throws UncheckedIOException     when the file system fails
     */
    public void write(Map<String, FileProjection> payload) {
        Map<String, FileProjection> clean = validatePayload(payload);
        try {
            Files.createDirectories(targetDir);
            Path dataDir = targetDir.resolve(DATA_DIR);
            String oldTsDir = readLink(dataDir);
            Path oldTsPath = oldTsDir == null ? null : targetDir.resolve(oldTsDir);

            Set<String> pathsToRemove = Set.of();
            boolean shouldWrite = true;
            if (oldTsPath != null && Files.isDirectory(oldTsPath)) {
                pathsToRemove = pathsToRemove(clean, oldTsPath);
                shouldWrite = !pathsToRemove.isEmpty() || shouldWritePayload(clean, oldTsPath);
            }
            if (shouldWrite) {
                Path tsDir = Files.createTempDirectory(targetDir, TS.format(clock.instant()));
                Files.setPosixFilePermissions(tsDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                writePayloadToDir(clean, tsDir);
                Path newDataDir = targetDir.resolve(NEW_DATA_DIR);
                Files.deleteIfExists(newDataDir);
                Files.createSymbolicLink(newDataDir, tsDir.getFileName());
                // rename(2) replaces ..data atomically: readers see the old or the new set, never a mix
                Files.move(newDataDir, dataDir, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                createUserVisibleFiles(clean);
                removeUserVisiblePaths(pathsToRemove);
                if (oldTsPath != null && !oldTsPath.getFileName().equals(tsDir.getFileName())) {
                    deleteRecursively(oldTsPath);
                }
            } else {
                // the links may have been removed by someone; put them back
                createUserVisibleFiles(clean);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upstream validatePayload: every path valid, then cleaned. */
    static Map<String, FileProjection> validatePayload(Map<String, FileProjection> payload) {
        Map<String, FileProjection> clean = new TreeMap<>();
        for (Map.Entry<String, FileProjection> e : payload.entrySet()) {
            validatePath(e.getKey());
            clean.put(cleanPath(e.getKey()), e.getValue());
        }
        return clean;
    }

    /** Upstream validatePath. */
    static void validatePath(String targetPath) {
        if (targetPath.isEmpty()) {
            throw new IllegalArgumentException("invalid path: must not be empty: \"\"");
        }
        if (targetPath.startsWith("/")) {
            throw new IllegalArgumentException("invalid path: must be relative path: " + targetPath);
        }
        if (targetPath.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("invalid path: must be less than or equal to " + MAX_PATH_LENGTH + " characters");
        }
        String[] items = targetPath.split("/", -1);
        for (String item : items) {
            if (item.equals("..")) {
                throw new IllegalArgumentException("invalid path: must not contain '..': " + targetPath);
            }
            if (item.length() > MAX_FILE_NAME_LENGTH) {
                throw new IllegalArgumentException("invalid path: filenames must be less than or equal to "
                        + MAX_FILE_NAME_LENGTH + " characters");
            }
        }
        if (items[0].startsWith("..") && items[0].length() > 2) {
            throw new IllegalArgumentException("invalid path: must not start with '..': " + targetPath);
        }
    }

    /** Go's path.Clean for a relative path without "..": no empty or "." elements. */
    static String cleanPath(String p) {
        String joined = String.join("/", Arrays.stream(p.split("/")).filter(s -> !s.isEmpty() && !s.equals(".")).toList());
        return joined.isEmpty() ? "." : joined;
    }

    private static String readLink(Path link) throws IOException {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.file.NotLinkException e) {
            return null;
        }
    }

    private static boolean shouldWritePayload(Map<String, FileProjection> payload, Path oldTsDir) throws IOException {
        for (Map.Entry<String, FileProjection> e : payload.entrySet()) {
            Path file = oldTsDir.resolve(e.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            if (!Arrays.equals(Files.readAllBytes(file), e.getValue().data())
                    || modeOf(file) != (e.getValue().mode() & 0777)) {
                return true;
            }
        }
        return false;
    }

    /** Paths of the old version that the new payload no longer has (files and folders, relative). */
    private static Set<String> pathsToRemove(Map<String, FileProjection> payload, Path oldTsDir) throws IOException {
        Set<String> paths = new HashSet<>();
        try (Stream<Path> walk = Files.walk(oldTsDir)) {
            walk.filter(p -> !p.equals(oldTsDir)).forEach(p -> paths.add(oldTsDir.relativize(p).toString()));
        }
        for (String file : payload.keySet()) {
            paths.remove(file);
            String[] parts = file.split("/");
            for (int i = 1; i < parts.length; i++) {
                paths.remove(String.join("/", Arrays.asList(parts).subList(0, i)));
            }
        }
        return paths;
    }

    private static void writePayloadToDir(Map<String, FileProjection> payload, Path dir) throws IOException {
        for (Map.Entry<String, FileProjection> e : payload.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Path parent = file.getParent();
            if (!parent.equals(dir)) {
                Files.createDirectories(parent);
                for (Path p = parent; !p.equals(dir); p = p.getParent()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.write(file, e.getValue().data());
            Files.setPosixFilePermissions(file, permissions(e.getValue().mode()));
        }
    }

    private void createUserVisibleFiles(Map<String, FileProjection> payload) throws IOException {
        Map<String, Boolean> tops = new LinkedHashMap<>();
        for (String p : payload.keySet()) {
            tops.put(p.split("/")[0], true);
        }
        for (String top : tops.keySet()) {
            Path visible = targetDir.resolve(top);
            if (Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createSymbolicLink(visible, Path.of(DATA_DIR, top));
            } catch (FileAlreadyExistsException ignored) {
                // created concurrently
            }
        }
    }

    private void removeUserVisiblePaths(Set<String> paths) throws IOException {
        for (String p : paths) {
            if (!p.contains("/")) {
                Files.deleteIfExists(targetDir.resolve(p));
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        // Files.walk does not follow symlinks: a link is removed, never what it points to
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    static int modeOf(Path file) throws IOException {
        int mode = 0;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        for (int bit = 0; bit < 9; bit++) {
            if (perms.contains(permissions(1 << bit).iterator().next())) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    /** The entries directly in the target folder (for tests and diagnostics). */
    List<String> listTarget() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(targetDir)) {
            List<String> names = new java.util.ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        }
    }
}
