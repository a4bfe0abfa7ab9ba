package io.foldersync.replica;

import java.io.IOException;

/**
 * A failure worth another try soon: the disk was full, an I/O error, or the file changed while it was copied. The
 * sync route's error handler redelivers it with back-off; permanent failures (no permission, a name too long) are
 * logged at once and wait for the next cycle instead.
 */
public class RetryableCopyException extends IOException {

    private final String path;

    public RetryableCopyException(String path, String problem, Throwable cause) {
        super(problem, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
