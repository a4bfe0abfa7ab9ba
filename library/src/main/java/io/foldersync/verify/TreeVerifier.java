package io.foldersync.verify;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.IoFailure;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.replica.ExtendedAttributes;
import io.foldersync.replica.RetryableChangeException;
import io.foldersync.settings.Fidelity;

/**
 * Compares SOURCE and REPLICA entry by entry, reading every file on both sides: type, content (MD5), symlink target,
 * mode and mtime, and the owner and hard links when those are mirrored. What the index cannot see, a replica file
 * corrupted in place with its size and mtime unchanged, shows here. It changes nothing; each difference goes to
 * {@code differences} with its path and what differs. Entries the filters leave out, and the versions folder, are
 * not differences.
 */
public class TreeVerifier {

    private final Path source;
    private final Path replica;
    private final PathFilter filter;
    private final String versionsInside;
    private final Fidelity fidelity;
    /** With hard links mirrored: the first path each file (by its key) was met at, on each side. */
    private final Map<String, String> firstNameInSource = new HashMap<>();
    private final Map<String, String> firstNameInReplica = new HashMap<>();
    private final ContentTransfer transfer;
    private final ExtendedAttributes attributes;
    private final ReadRate rate;
    private final Runnable afterEachEntry;
    private long entries;
    private long differences;

    /**
     * @param versionsInside the versions folder's path inside REPLICA, or null
     * @param rate           the most bytes per second read, over both trees
     * @param afterEachEntry called as each entry is done: where progress is reported
     */
    public TreeVerifier(Path source, Path replica, PathFilter filter, String versionsInside, Fidelity fidelity,
                        ContentTransfer transfer, ExtendedAttributes attributes, ReadRate rate,
                        Runnable afterEachEntry) {
        this.attributes = attributes;
        this.fidelity = fidelity;
        this.afterEachEntry = afterEachEntry;
        this.source = source;
        this.replica = replica;
        this.filter = filter;
        this.versionsInside = versionsInside;
        this.transfer = transfer;
        this.rate = rate;
    }

    public record Result(long entries, long differences) {
    }

    /** Compares the whole trees; {@code differences} hears of each one (path, what differs) as it is found. */
    public Result run(BiConsumer<String, String> differences) throws IOException {
        entries = 0;
        this.differences = 0;
        firstNameInSource.clear();
        firstNameInReplica.clear();
        compareFolders("", differences);
        return new Result(entries, this.differences);
    }

    /** Compares these paths alone (a folder with all it holds): what a repair of them left different. */
    public Result check(Collection<String> paths, BiConsumer<String, String> differences) throws IOException {
        entries = 0;
        this.differences = 0;
        for (String path : paths) {
            firstNameInSource.clear();
            firstNameInReplica.clear();
            try {
                compare(path, differences);
            } catch (IOException e) {
                if (!isChurn(e)) {
                    throw e;
                }
            }
        }
        return new Result(entries, this.differences);
    }

    private void compareFolders(String folder, BiConsumer<String, String> report) throws IOException {
        Set<String> names = new TreeSet<>(names(source.resolve(folder)));
        names.addAll(names(replica.resolve(folder)));
        for (String name : names) {
            String path = RelativePath.child(folder, name);
            if (path.equals(versionsInside)) {
                if (Files.exists(source.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                    differ(report, path, "SOURCE has an entry where REPLICA keeps its versions: not mirrored");
                }
                continue;
            }
            try {
                compare(path, report);
            } catch (IOException e) {
                if (!isChurn(e)) {
                    throw e;
                }
            }
            afterEachEntry.run();
        }
    }

    /**
     * Gone, replaced or changed on one side while it was read: churn, which the mirror sees to; the next verify compares
     * it again.
     */
    private static boolean isChurn(IOException e) {
        return e instanceof RetryableChangeException || IoFailure.of(e) == IoFailure.MISSING;
    }

    private void compare(String path, BiConsumer<String, String> report) throws IOException {
        FileMeta here = meta(source.resolve(path));
        FileMeta there = meta(replica.resolve(path));
        FileMeta either = here != null ? here : there;
        if (either == null || filter.excludes(path, either.isDirectory())
                || (here != null && here.kind() == FileKind.SPECIAL)) {
            return; // gone meanwhile, left out by the filters, or never mirrored (a FIFO, a device)
        }
        entries++;
        if (there == null && here.isDirectory() && filter.hasIncludes()) {
            compareFolders(path, report); // mirrored only once it holds something included: what is missing is that
        } else if (there == null) {
            differ(report, path, "missing in REPLICA");
        } else if (here == null) {
            differ(report, path, "not in SOURCE");
        } else if (here.kind() != there.kind()) {
            differ(report, path, "type: " + name(here.kind()) + " in SOURCE, " + name(there.kind()) + " in REPLICA");
        } else {
            compareSame(path, here, there, report);
        }
    }

    private void compareSame(String path, FileMeta here, FileMeta there, BiConsumer<String, String> report)
            throws IOException {
        switch (here.kind()) {
            case FILE -> {
                if (here.size() != there.size()) {
                    differ(report, path, "size: " + here.size() + " in SOURCE, " + there.size() + " in REPLICA");
                } else if (!content(path, source).equals(content(path, replica))) {
                    differ(report, path, "content: another MD5 at the same size");
                }
                if (fidelity.hardLinks()) {
                    compareLinkGroups(path, here, there, report);
                }
            }
            case SYMLINK -> {
                Path target = Files.readSymbolicLink(source.resolve(path));
                if (!target.equals(Files.readSymbolicLink(replica.resolve(path)))) {
                    differ(report, path, "link target: " + target + " in SOURCE");
                }
            }
            case DIRECTORY -> {
                compareFolders(path, report);
                if (filter.hasIncludes() && names(replica.resolve(path)).isEmpty()) {
                    differ(report, path, "an empty folder in REPLICA, which a mirror of what includes choose lacks");
                }
            }
            default -> {
            }
        }
        if (here.kind() != FileKind.SYMLINK && here.permissions() != there.permissions()) {
            differ(report, path, String.format("mode: %04o in SOURCE, %04o in REPLICA", here.permissions(),
                    there.permissions()));
        }
        if (mtime(here) != mtime(there)) {
            differ(report, path, "mtime: " + here.mtime() + " in SOURCE, " + there.mtime() + " in REPLICA");
        }
        if (fidelity.xattrs() && here.kind() != FileKind.SYMLINK
                && attributes.digest(source.resolve(path)) != attributes.digest(replica.resolve(path))) {
            differ(report, path, "extended attributes differ");
        }
        if (fidelity.owners() && (here.uid() != there.uid() || here.gid() != there.gid())) {
            differ(report, path, "owner: " + here.uid() + ":" + here.gid() + " in SOURCE, " + there.uid() + ":"
                    + there.gid() + " in REPLICA");
        }
    }

    /** A name of a file with several must be a name of the same file on both sides: the first met, walking alike. */
    private void compareLinkGroups(String path, FileMeta here, FileMeta there, BiConsumer<String, String> report) {
        String inSource = here.links() > 1 ? firstNameInSource.putIfAbsent(here.fileKey(), path) : null;
        String inReplica = there.links() > 1 ? firstNameInReplica.putIfAbsent(there.fileKey(), path) : null;
        if (!Objects.equals(inSource, inReplica)) {
            differ(report, path, "hard link: " + (inSource == null ? "a file of its own" : "another name of "
                    + inSource) + " in SOURCE, " + (inReplica == null ? "a file of its own" : "another name of "
                    + inReplica) + " in REPLICA");
        }
    }

    /** A link's times are set with lutimes(2), to the microsecond: compared at that precision. */
    private static long mtime(FileMeta meta) {
        return meta.kind() == FileKind.SYMLINK ? meta.mtimeNanos() / 1000 : meta.mtimeNanos();
    }

    private Md5 content(String path, Path root) throws IOException {
        Path file = root.resolve(path);
        Md5 md5 = transfer.hash(path, file);
        rate.consumed(Files.size(file));
        return md5;
    }

    private void differ(BiConsumer<String, String> report, String path, String what) {
        differences++;
        report.accept(path, what);
    }

    private static String name(FileKind kind) {
        return switch (kind) {
            case FILE -> "file";
            case DIRECTORY -> "folder";
            case SYMLINK -> "link";
            case SPECIAL -> "special file";
        };
    }

    private static FileMeta meta(Path path) throws IOException {
        try {
            return FileMeta.of(path);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    private static Set<String> names(Path folder) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }
}
