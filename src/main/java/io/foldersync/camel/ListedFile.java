package io.foldersync.camel;

import java.io.File;

import io.foldersync.fs.FileMeta;
import org.apache.camel.component.file.GenericFile;

/**
 * A source file as the sync route's consumer routes it: Camel's file message body, filled from the walk's lstat
 * (Camel's own listing stats each file again for its length and mtime), with the relative path as the walk named it.
 */
final class ListedFile extends GenericFile<File> {

    private final String path;
    private final FileMeta meta;

    ListedFile(String endpointPath, File file, String path, FileMeta meta) {
        this.path = path;
        this.meta = meta;
        setEndpointPath(endpointPath);
        setFile(file);
        setFileName(path);
        setFileNameOnly(file.getName());
        setRelativeFilePath(path);
        setAbsoluteFilePath(file.getPath());
        setAbsolute(true);
        setFileLength(meta.size());
        setLastModified(meta.mtimeNanos() / 1_000_000);
    }

    /** The path relative to SOURCE, with any backslash in a name kept as it is. */
    String path() {
        return path;
    }

    FileMeta meta() {
        return meta;
    }
}
