package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;

import io.foldersync.fs.FileMeta;

/** Applies a source entry's mtime and permission bits (setuid, setgid and sticky included) to a replica entry. */
final class Metadata {

    private Metadata() {
    }

    /** Times first: setting permissions may take away the access that setting times needs. */
    static void apply(Path target, FileMeta source) throws IOException {
        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(source.mtime(), null, null);
        if (source.kind() != io.foldersync.fs.FileKind.SYMLINK) {
            Files.setAttribute(target, "unix:mode", source.permissions(), LinkOption.NOFOLLOW_LINKS);
        }
    }
}
