package io.foldersync.observe;

/** Every change the mirror makes, or would make in a dry run, as named in the log. */
public enum Action {
    CREATE_DIR, COPY, UPDATE, TOUCH, LINK, DELETE, DELETE_DIR, SKIP, VANISHED
}
