package io.foldersync.cycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;

/**
 * What one walk of SOURCE found besides the decisions it handed over at once: folders (decided after their content,
 * so empty ones are mirrored too and each gets its mtime after what is inside it), the names of each file with several
 * hard links, and the folders REPLICA lacks, below which the index's word on a file counts for nothing. Only the walking
 * thread writes it.
 */
final class SourceScan {

    record Folder(String path, FileMeta meta) {
    }

    private final List<Folder> folders = new ArrayList<>();
    private final Set<String> foldersMissingInReplica = new HashSet<>();
    /** Files with several names, by file key. */
    private final Map<String, List<String>> hardLinks = new LinkedHashMap<>();

    /** Notes a name of a file with several hard links: mirrored with its other names once the walk is done. */
    void hardLinked(String path, FileMeta meta) {
        hardLinks.computeIfAbsent(meta.fileKey(), key -> new ArrayList<>(2)).add(path);
    }

    /** Each file with several names, by its key, with its names. */
    Map<String, List<String>> hardLinkGroups() {
        return hardLinks;
    }

    void folder(String path, FileMeta meta, boolean missingInReplica) {
        folders.add(new Folder(path, meta));
        if (missingInReplica) {
            foldersMissingInReplica.add(path);
        }
    }

    boolean isMissingInReplica(String folder) {
        return foldersMissingInReplica.contains(folder);
    }

    /** Deepest first, so a folder's mtime is set after everything inside it was written. */
    List<Folder> foldersDeepestFirst() {
        List<Folder> sorted = new ArrayList<>(folders);
        sorted.sort(Comparator.comparingInt((Folder f) -> RelativePath.depth(f.path())).reversed());
        return sorted;
    }
}
