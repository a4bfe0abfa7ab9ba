package io.foldersync.versions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5;

/**
 * The kept versions of one file of a pair, as the versions folder holds them: {@code VERSIONS/RELATIVE/PATH/} has the
 * file's versions beside those of its neighbours, told apart by their names ({@link VersionName}). Newest first by the
 * time each was kept. Nothing is followed through a link: a link planted in the versions folder is not a version, and
 * a folder on the way that is a link holds none.
 */
public final class VersionHistory {

    /**
     * One kept version.
     *
     * @param file     where it is
     * @param name     what its name says: whose version, and when it was kept
     * @param size     its size in bytes
     * @param modified its mtime: when this content was written, which {@code --at} chooses by
     */
    public record Version(Path file, VersionName name, long size, Instant modified) {

        /** Reads the version whole for its MD5, never through a link. */
        public Md5 md5() throws IOException {
            MessageDigest digest = Md5.newDigest();
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, read);
                }
            }
            return Md5.of(digest.digest());
        }
    }

    private final List<Version> newestFirst;

    private VersionHistory(List<Version> newestFirst) {
        this.newestFirst = List.copyOf(newestFirst);
    }

    /** The versions of the file at {@code path} (relative to SOURCE) kept in {@code versionsDir}; none if none. */
    public static VersionHistory of(Path versionsDir, String path) throws IOException {
        Path folder = realFolder(versionsDir, RelativePath.parent(path));
        List<Version> versions = new ArrayList<>();
        if (folder != null) {
            String name = RelativePath.name(path);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    Optional<VersionName> version = VersionName.parse(entry.getFileName().toString());
                    if (version.isEmpty() || !version.get().original().equals(name)) {
                        continue;
                    }
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        versions.add(new Version(entry, version.get(), attributes.size(),
                                attributes.lastModifiedTime().toInstant()));
                    }
                }
            }
        }
        versions.sort(Comparator.comparing(Version::name, VersionName.NEWEST_FIRST));
        return new VersionHistory(versions);
    }

    /** The folder of the versions folder at a relative path; null when it is missing, or a link is on the way. */
    private static Path realFolder(Path versionsDir, String relative) throws IOException {
        Path folder = versionsDir;
        for (String name : RelativePath.components(relative)) {
            folder = folder.resolve(name);
            try {
                if (!Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                    return null;
                }
            } catch (NoSuchFileException missing) {
                return null;
            }
        }
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) ? folder : null;
    }

    /** Newest first, by the time each was kept. */
    public List<Version> newestFirst() {
        return newestFirst;
    }

    /** The last one kept: the content the file had before its current one. */
    public Optional<Version> newest() {
        return newestFirst.stream().findFirst();
    }

    /** The file as it was at {@code time}: the version modified last at or before it. */
    public Optional<Version> asOf(Instant time) {
        return newestFirst.stream().filter(version -> !version.modified().isAfter(time))
                .max(Comparator.comparing(Version::modified).thenComparing(Version::name,
                        VersionName.NEWEST_FIRST.reversed()));
    }
}
