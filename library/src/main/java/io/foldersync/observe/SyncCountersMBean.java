package io.foldersync.observe;

/** What JMX shows of one pair, under {@code io.foldersync:type=SyncPair,name=PAIR}: totals since start. */
public interface SyncCountersMBean {

    long getFilesCopied();

    long getFilesUpdated();

    long getFilesTouched();

    long getEntriesDeleted();

    long getEntriesSkipped();

    long getBytesCopied();

    long getBytesHashed();

    long getErrors();

    long getCycles();

    long getLastCycleDurationMillis();

    long getLastCycleErrors();

    long getIndexEntries();

    long getEventsMirrored();

    long getVersionsKept();

    long getVersionsExpired();

    long getRepairs();

    boolean isLeader();
}
