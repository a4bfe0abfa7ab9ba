package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;

/** Applies a source entry's mtime and permission bits (setuid, setgid and sticky included) to a replica entry. */
final class Metadata {

    private Metadata() {
    }

    /**
     * Times first: setting permissions may take away the access that setting times needs. A link has no mode of its
     * own; for anything else chmod(2) by path is one call, where asking Java not to follow links costs three, and the
     * target is our own temporary file or was just checked to be a real folder or file.
     */
    static void apply(Path target, FileMeta source) throws IOException {
        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(source.mtime(), null, null);
        if (source.kind() != FileKind.SYMLINK) {
            Files.setAttribute(target, "unix:mode", source.permissions());
        }
    }
}
