package io.foldersync.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.InFolder;
import io.foldersync.fs.RelativePath;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.versions.VersionName;

/**
 * The versions folder: before REPLICA loses a file's content, the old file is kept there as
 * {@code RELATIVE/PATH/name~yyyyMMdd-HHmmss-SSS.ext} (see {@link VersionName}), with its mtime and mode. A file about
 * to be deleted is moved there ({@link #keep}: a rename where the versions folder shares REPLICA's file system, else a
 * copy, then the delete). A file about to be replaced is kept before the new content is even read ({@link #prepare}):
 * as a hard link where the file systems are shared, else as a copy, while the old file stays at its path until the new
 * one is renamed over it; so a version that cannot be kept costs no read of SOURCE, and at no moment is the old content
 * neither at its path nor kept. It is reached like REPLICA, through opened folders that refuse links. The prune pass
 * expires versions past the newest {@code keep} of each file or older than {@code maxAge}.
 */
public class KeptVersions {

    private final ReplicaTree versions;
    private final int keep;
    private final Duration maxAge;
    private final ActionLog log;
    private final CycleStats stats;
    private final Clock clock;

    public KeptVersions(ReplicaTree versions, int keep, Duration maxAge, ActionLog log, CycleStats stats,
                        Clock clock) {
        this.versions = versions;
        this.keep = keep;
        this.maxAge = maxAge;
        this.log = log;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Moves the regular file {@code name} of an opened replica folder into the versions folder, as it is about to be
     * deleted; anything else (a link, nothing) holds no content and is left. Throws when the version cannot be kept:
     * the delete must then wait.
     */
    void keep(ReplicaFolder folder, String name, String path) throws IOException {
        BasicFileAttributes existing = InFolder.attributes(folder.stream(), Path.of(name));
        if (existing == null || !existing.isRegularFile()) {
            return;
        }
        String folderPath = RelativePath.parent(path);
        String kept;
        try (ReplicaFolder target = versions.openFolder(folderPath, true)) {
            kept = freeName(target, name);
            try {
                folder.stream().move(Path.of(name), target.stream(), Path.of(kept));
            } catch (AtomicMoveNotSupportedException otherFileSystem) {
                copyAcross(folder, name, target, kept);
                folder.stream().deleteFile(Path.of(name));
            }
        } catch (NoSuchFileException gone) {
            throw gone; // removed meanwhile: nothing to keep, and the caller knows what that means
        } catch (IOException e) {
            throw notKept(path, e);
        }
        new Prepared(path, kept).placed();
    }

    /**
     * Keeps a copy of the regular file {@code name} of an opened replica folder, which stays where it is: the file is
     * about to be replaced, and the version must be there before it is. Returns null when there is nothing to keep (no
     * file, a link). The caller ends it with {@link Prepared#placed} once the replacement is renamed in, or
     * {@link Prepared#abandon} when it is not.
     */
    Prepared prepare(ReplicaFolder folder, String name, String path) throws IOException {
        BasicFileAttributes existing = InFolder.attributes(folder.stream(), Path.of(name));
        if (existing == null || !existing.isRegularFile()) {
            return null;
        }
        try (ReplicaFolder target = versions.openFolder(RelativePath.parent(path), true)) {
            String kept = freeName(target, name);
            if (!sameFileSystem(folder, target) || !linked(folder, name, target, kept)) {
                copyAcross(folder, name, target, kept);
            }
            return new Prepared(path, kept);
        } catch (IOException e) {
            throw notKept(path, e);
        }
    }

    /** A version kept of a replica file that is about to be replaced. */
    final class Prepared {
        private final String path;
        private final String name;

        private Prepared(String path, String name) {
            this.path = path;
            this.name = name;
        }

        /**
         * The file it was kept from is gone from REPLICA: logged, counted, and the file's versions past the newest
         * {@code keep} removed at once, so the limit holds after every change, not only after the next prune pass.
         */
        void placed() {
            String folderPath = RelativePath.parent(path);
            log.action(Action.VERSION, path, "-> " + RelativePath.child(folderPath, name));
            stats.kept();
            try (ReplicaFolder folder = versions.openListable(folderPath)) {
                expire(folderPath, folder, list(folder).byFile().getOrDefault(RelativePath.name(path), List.of()),
                        false, false);
            } catch (IOException e) {
                log.warn(path, "cannot remove its versions past sync.versions-keep now (the prune pass tries "
                        + "again): " + e);
            }
        }

        /** The file was not replaced after all: it is still in REPLICA, and a version of it is not needed. */
        void abandon() {
            try (ReplicaFolder folder = versions.openFolder(RelativePath.parent(path), false)) {
                folder.stream().deleteFile(Path.of(name));
            } catch (IOException ignored) {
                // at worst a version of content REPLICA still holds, which expires like any other
            }
        }
    }

    /** Keeps every file below a replica folder about to be deleted, one by one. */
    void keepTree(ReplicaFolder folder, String name, String path) throws IOException {
        BasicFileAttributes existing = InFolder.attributes(folder.stream(), Path.of(name));
        if (existing == null) {
            return;
        }
        if (!existing.isDirectory()) {
            keep(folder, name, path);
            return;
        }
        try (ReplicaFolder child = openChild(folder, name)) {
            List<String> names = new ArrayList<>();
            for (Path entry : child.stream()) {
                names.add(entry.getFileName().toString());
            }
            for (String entry : names) {
                keepTree(child, entry, RelativePath.child(path, entry));
            }
        }
    }

    /** What {@link #keep} would do, for a dry run: the name it would log, and the oldest version it would expire. */
    void reportKeep(String path) {
        String name = RelativePath.name(path);
        Instant now = clock.instant();
        log.action(Action.VERSION, path, "-> " + RelativePath.child(RelativePath.parent(path),
                VersionName.format(name, now)));
        stats.kept();
        try (ReplicaFolder folder = versions.openListable(RelativePath.parent(path))) {
            List<Kept> kept = new ArrayList<>(list(folder).byFile().getOrDefault(name, List.of()));
            kept.add(new Kept(VersionName.format(name, now), new VersionName(name, now, Integer.MAX_VALUE)));
            expire(RelativePath.parent(path), folder, kept, false, true);
        } catch (IOException noVersionsYet) {
            // nothing older to expire
        }
    }

    /** Removes the versions past retention: all but the newest {@code keep} of each file, and any older than maxAge. */
    public void expire(boolean dryRun) {
        try (ReplicaFolder root = versions.openListable("")) {
            expireBelow("", root, dryRun);
        } catch (NoSuchFileException none) {
            // nothing kept yet
        } catch (IOException e) {
            log.rootError("cannot walk the versions folder " + versions.root() + ": " + e);
        }
    }

    /** A file in the versions folder, and the version its name says it is. */
    private record Kept(String fileName, VersionName version) {
    }

    private void expireBelow(String folderPath, ReplicaFolder folder, boolean dryRun) throws IOException {
        Listing listing = list(folder);
        for (List<Kept> kept : listing.byFile().values()) {
            expire(folderPath, folder, kept, true, dryRun);
        }
        for (String name : listing.subfolders()) {
            String path = RelativePath.child(folderPath, name);
            try (ReplicaFolder child = versions.enter(folder, name, path)) {
                expireBelow(path, child, dryRun);
            }
        }
    }

    /** What one folder of versions holds: the versions by the name of the file they are of, and its subfolders. */
    private record Listing(Map<String, List<Kept>> byFile, List<String> subfolders) {
    }

    /** Lists an opened folder, which can be listed once only. */
    private static Listing list(ReplicaFolder folder) throws IOException {
        Listing listing = new Listing(new HashMap<>(), new ArrayList<>());
        for (Path entry : folder.stream()) {
            String name = entry.getFileName().toString();
            BasicFileAttributes attributes = InFolder.attributes(folder.stream(), entry.getFileName());
            if (attributes == null) {
                continue;
            }
            if (attributes.isDirectory()) {
                listing.subfolders().add(name);
            } else if (attributes.isRegularFile()) {
                VersionName.parse(name).ifPresent(version -> listing.byFile()
                        .computeIfAbsent(version.original(), k -> new ArrayList<>()).add(new Kept(name, version)));
            }
        }
        return listing;
    }

    /** Removes one file's versions past the newest {@code keep}, and, with {@code byAge}, those older than maxAge. */
    private void expire(String folderPath, ReplicaFolder folder, List<Kept> kept, boolean byAge, boolean dryRun)
            throws IOException {
        List<Kept> newestFirst = new ArrayList<>(kept);
        newestFirst.sort((a, b) -> VersionName.NEWEST_FIRST.compare(a.version(), b.version()));
        Instant oldest = !byAge || maxAge == null ? null : clock.instant().minus(maxAge);
        for (int i = 0; i < newestFirst.size(); i++) {
            Kept version = newestFirst.get(i);
            if (i >= keep || (oldest != null && version.version().kept().isBefore(oldest))) {
                log.action(Action.VERSION_EXPIRED, RelativePath.child(folderPath, version.fileName()));
                if (!dryRun) {
                    folder.stream().deleteFile(Path.of(version.fileName()));
                }
            }
        }
    }

    private static ReplicaFolder openChild(ReplicaFolder folder, String name) throws IOException {
        return new ReplicaFolder(InFolder.openFolder(folder.stream(), Path.of(name)), folder.resolve(name));
    }

    /**
     * The version name not yet taken in the target folder: the time now, or, for a second version of a file within
     * the same millisecond, the next free millisecond, so that names keep sorting in the order they were kept.
     */
    private String freeName(ReplicaFolder target, String name) throws IOException {
        for (Instant at = clock.instant(); ; at = at.plusMillis(1)) {
            String candidate = VersionName.format(name, at);
            if (InFolder.attributes(target.stream(), Path.of(candidate)) == null) {
                return candidate;
            }
        }
    }

    private static boolean sameFileSystem(ReplicaFolder folder, ReplicaFolder target) throws IOException {
        return FileMeta.ofFollowing(folder.self()).device() == FileMeta.ofFollowing(target.self()).device();
    }

    /**
     * A hard link writes no data, so a full disk rarely stops it; where the file system refuses it (protected hard
     * links, a file system without them) the caller copies instead.
     */
    private static boolean linked(ReplicaFolder folder, String name, ReplicaFolder target, String kept) {
        try {
            Files.createLink(target.resolve(kept), folder.resolve(name));
            return true;
        } catch (IOException | UnsupportedOperationException refused) {
            return false;
        }
    }

    /**
     * The failure to keep a version, naming the versions folder and the system's reason (without the
     * {@code /proc/self/fd} paths the operations went through, which mean nothing to a reader).
     */
    private RetryableChangeException notKept(String path, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        return new RetryableChangeException(path, "cannot keep the old version in the versions folder "
                + versions.root() + ", so REPLICA's file is left as it is", new IOException(reason, e));
    }

    /** Another file system: the content is copied, with its mtime and mode. */
    private static void copyAcross(ReplicaFolder folder, String name, ReplicaFolder target, String kept)
            throws IOException {
        try (SeekableByteChannel in = folder.stream().newByteChannel(Path.of(name),
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             SeekableByteChannel out = target.stream().newByteChannel(Path.of(kept),
                     EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                     PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            while (in.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                target.stream().deleteFile(Path.of(kept));
            } catch (FileSystemException ignored) {
                // never made
            }
            throw e;
        }
        Metadata.applyFollowing(target.resolve(kept), FileMeta.of(folder.resolve(name)), false);
    }
}
