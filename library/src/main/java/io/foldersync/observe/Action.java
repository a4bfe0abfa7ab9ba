package io.foldersync.observe;

/**
 * Every change the mirror makes, or would make in a dry run, as named in the log. VERSION keeps a replica file's old
 * content in the versions folder; VERSION_DIR makes a folder there (not in REPLICA, whose folders are CREATE_DIR);
 * VERSION_EXPIRED removes a kept version past its retention; REPAIR is a difference the background verify found and
 * mirrored again; HARD_LINK makes a replica name another link to a file, as in SOURCE; ATTRIBUTES sets a file's mode,
 * owner or extended attributes alone (same content, same mtime), where TOUCH sets its mtime (rsync's itemized
 * {@code .f..t} against {@code .f...p}, {@code .f....o}, {@code .f........x}).
 */
public enum Action {
    CREATE_DIR, COPY, UPDATE, TOUCH, LINK, DELETE, DELETE_DIR, SKIP, VANISHED, VERSION, VERSION_DIR, VERSION_EXPIRED,
    REPAIR, HARD_LINK, ATTRIBUTES
}
