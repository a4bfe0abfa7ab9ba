package io.foldersync.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;

/**
 * The versions folder: before REPLICA loses a file's content, the old file is moved there as
 * {@code RELATIVE/PATH/name~yyyyMMdd-HHmmss.ext} (UTC; {@code -1}, {@code -2} ... when a second comes twice), by a
 * rename where it shares REPLICA's file system, else by a copy with its mtime and mode. It is reached like REPLICA,
 * through opened folders that refuse links. The prune pass expires versions past the newest {@code keep} of each file
 * or older than {@code maxAge}.
 */
public class KeptVersions {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** name, stamp, collision counter, extension: {@code report~20261126-101500-1.pdf}. */
    private static final Pattern VERSION = Pattern.compile("(.+)~(\\d{8}-\\d{6})(?:-(\\d+))?(\\.[^.~]*)?");

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

    /** The name a version of {@code name} kept now gets, before any collision counter. */
    String versionName(String name, int collision) {
        String stamp = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STAMP)
                + (collision == 0 ? "" : "-" + collision);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "~" + stamp + name.substring(dot) : name + "~" + stamp;
    }

    /**
     * Moves the regular file {@code name} of an opened replica folder into the versions folder; anything else (a link,
     * nothing) holds no content and is left. Throws when the version cannot be kept: the change must then wait.
     */
    void keep(ReplicaFolder folder, String name, String path) throws IOException {
        BasicFileAttributes existing = ReplicaTree.attributes(folder.stream(), Path.of(name));
        if (existing == null || !existing.isRegularFile()) {
            return;
        }
        try (ReplicaFolder target = versions.openFolder(RelativePath.parent(path), true)) {
            String kept = freeName(target, name);
            try {
                folder.stream().move(Path.of(name), target.stream(), Path.of(kept));
            } catch (AtomicMoveNotSupportedException otherFileSystem) {
                copyAcross(folder, name, target, kept, existing);
                folder.stream().deleteFile(Path.of(name));
            }
            log.action(Action.VERSION, path, "-> " + RelativePath.child(RelativePath.parent(path), kept));
            stats.kept();
            expireBeyondKeep(RelativePath.parent(path), target, name);
        }
    }

    /**
     * Removes the versions of one file past the newest {@code keep}, as soon as one more is kept: the limit holds after
     * every change, not only after the next prune pass.
     */
    private void expireBeyondKeep(String folderPath, ReplicaFolder folder, String name) throws IOException {
        List<Kept> kept = list(folder).byFile().getOrDefault(name, List.of());
        expire(folderPath, folder, kept, false, false);
    }

    /** Keeps every file below a replica folder about to be deleted, one by one. */
    void keepTree(ReplicaFolder folder, String name, String path) throws IOException {
        BasicFileAttributes existing = ReplicaTree.attributes(folder.stream(), Path.of(name));
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
        log.action(Action.VERSION, path, "-> " + RelativePath.child(RelativePath.parent(path),
                versionName(RelativePath.name(path), 0)));
        stats.kept();
        try (ReplicaFolder folder = versions.openListable(RelativePath.parent(path))) {
            List<Kept> kept = new ArrayList<>(list(folder).byFile().getOrDefault(RelativePath.name(path), List.of()));
            kept.add(new Kept(versionName(RelativePath.name(path), 0), "99999999-999999", 0)); // the one kept now
            expire(RelativePath.parent(path), folder, kept, false, true);
        } catch (IOException noVersionsYet) {
            // nothing older to expire
        }
    }

    /** Removes the versions past retention: all but the newest {@code keep} of each file, and any older than maxAge. */
    public void expire(boolean dryRun) {
        try (ReplicaFolder root = versions.openListable("")) {
            expireBelow("", root, dryRun);
        } catch (java.nio.file.NoSuchFileException none) {
            // nothing kept yet
        } catch (IOException e) {
            log.rootError("cannot walk the versions folder " + versions.root() + ": " + e);
        }
    }

    private record Kept(String name, String stamp, int collision) {
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
            BasicFileAttributes attributes = ReplicaTree.attributes(folder.stream(), entry.getFileName());
            Matcher m = VERSION.matcher(name);
            if (attributes == null) {
                continue;
            }
            if (attributes.isDirectory()) {
                listing.subfolders().add(name);
            } else if (attributes.isRegularFile() && m.matches()) {
                String original = m.group(1) + (m.group(4) == null ? "" : m.group(4));
                listing.byFile().computeIfAbsent(original, k -> new ArrayList<>()).add(new Kept(name, m.group(2),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
            }
        }
        return listing;
    }

    /** Removes one file's versions past the newest {@code keep}, and, with {@code byAge}, those older than maxAge. */
    private void expire(String folderPath, ReplicaFolder folder, List<Kept> kept, boolean byAge, boolean dryRun)
            throws IOException {
        List<Kept> newestFirst = new ArrayList<>(kept);
        newestFirst.sort(Comparator.comparing(Kept::stamp).thenComparingInt(Kept::collision).reversed());
        Instant oldest = !byAge || maxAge == null ? null : clock.instant().minus(maxAge);
        for (int i = 0; i < newestFirst.size(); i++) {
            Kept version = newestFirst.get(i);
            if (i >= keep || (oldest != null && stampTime(version.stamp()).isBefore(oldest))) {
                log.action(Action.VERSION_EXPIRED, RelativePath.child(folderPath, version.name()));
                if (!dryRun) {
                    folder.stream().deleteFile(Path.of(version.name()));
                }
            }
        }
    }

    private static Instant stampTime(String stamp) {
        return LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC);
    }

    private static ReplicaFolder openChild(ReplicaFolder folder, String name) throws IOException {
        return new ReplicaFolder(folder.stream().newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS),
                folder.resolve(name));
    }

    /** The version name not yet taken in the target folder. */
    private String freeName(ReplicaFolder target, String name) throws IOException {
        for (int collision = 0; ; collision++) {
            String candidate = versionName(name, collision);
            if (ReplicaTree.attributes(target.stream(), Path.of(candidate)) == null) {
                return candidate;
            }
        }
    }

    /** Another file system: the content is copied, with its mtime and mode, before the original goes. */
    private static void copyAcross(ReplicaFolder folder, String name, ReplicaFolder target, String kept,
                                   BasicFileAttributes existing) throws IOException {
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
