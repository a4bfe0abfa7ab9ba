package io.foldersync.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;

/**
 * What one poll of SOURCE found besides the files it routes: folders (Camel's file consumer never routes those, so
 * empty ones need this list), symlinks (never routed, so a link to a folder is not walked into), and the folders the
 * replica lacks, below which every file must be copied whatever the index says.
 */
public class SourceScan {

    public record Folder(String path, FileMeta meta) {
    }

    private final List<Folder> folders = new ArrayList<>();
    private final List<String> links = new ArrayList<>();
    private final Set<String> foldersMissingInReplica = new HashSet<>();

    public synchronized void reset() {
        folders.clear();
        links.clear();
        foldersMissingInReplica.clear();
    }

    public synchronized void folder(String path, FileMeta meta, boolean missingInReplica) {
        folders.add(new Folder(path, meta));
        if (missingInReplica) {
            foldersMissingInReplica.add(path);
        }
    }

    public synchronized void link(String path) {
        links.add(path);
    }

    public synchronized boolean isMissingInReplica(String folder) {
        return foldersMissingInReplica.contains(folder);
    }

    public synchronized List<String> links() {
        return List.copyOf(links);
    }

    /** Deepest first, so a folder's mtime is set after everything inside it was written. */
    public synchronized List<Folder> foldersDeepestFirst() {
        List<Folder> sorted = new ArrayList<>(folders);
        sorted.sort(Comparator.comparingInt((Folder f) -> RelativePath.depth(f.path())).reversed());
        return sorted;
    }
}
