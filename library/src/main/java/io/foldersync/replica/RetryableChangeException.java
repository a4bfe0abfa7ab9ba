package io.foldersync.replica;

import java.io.IOException;

/**
 * A change to REPLICA that failed for a reason worth another try soon: the disk was full, an I/O error, the file
 * changed while it was copied, a replica folder was replaced meanwhile. The apply route redelivers it with back-off,
 * whatever kind of change it was; what an operator must act on (no permission, a read-only file system) is logged at
 * once instead, and churn (SOURCE changed under the change) is not a failure at all.
 */
public class RetryableChangeException extends IOException {

    private final String path;

    public RetryableChangeException(String path, String problem, Throwable cause) {
        super(problem, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
