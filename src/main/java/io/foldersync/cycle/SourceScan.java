package io.foldersync.cycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;

/**
 * What one walk of SOURCE found besides the files it queued: folders (mirrored after the copies, so empty ones are
 * too and each gets its mtime after its content), symlinks (never walked into), and the folders REPLICA lacks, below
 * which every file must be copied whatever the index says. Only the walking thread writes it.
 */
final class SourceScan {

    record Folder(String path, FileMeta meta) {
    }

    private final List<Folder> folders = new ArrayList<>();
    private final List<String> links = new ArrayList<>();
    private final Set<String> foldersMissingInReplica = new HashSet<>();
    /** Files with several names, by file key, each name as walked. */
    private final Map<String, List<Linked>> hardLinks = new LinkedHashMap<>();

    record Linked(String path, FileMeta meta) {
    }

    /** Notes a name of a file with several hard links: mirrored with its other names once the copies are done. */
    void hardLinked(String path, FileMeta meta) {
        hardLinks.computeIfAbsent(meta.fileKey(), key -> new ArrayList<>(2)).add(new Linked(path, meta));
    }

    /** Each file with several names, with its names. */
    Collection<List<Linked>> hardLinkGroups() {
        return hardLinks.values();
    }

    void folder(String path, FileMeta meta, boolean missingInReplica) {
        folders.add(new Folder(path, meta));
        if (missingInReplica) {
            foldersMissingInReplica.add(path);
        }
    }

    void link(String path) {
        links.add(path);
    }

    boolean isMissingInReplica(String folder) {
        return foldersMissingInReplica.contains(folder);
    }

    List<String> links() {
        return links;
    }

    /** Deepest first, so a folder's mtime is set after everything inside it was written. */
    List<Folder> foldersDeepestFirst() {
        List<Folder> sorted = new ArrayList<>(folders);
        sorted.sort(Comparator.comparingInt((Folder f) -> RelativePath.depth(f.path())).reversed());
        return sorted;
    }
}
