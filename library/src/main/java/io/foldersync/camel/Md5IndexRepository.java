package io.foldersync.camel;

import io.foldersync.decide.ChangePolicy;
import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.Md5Index;
import io.foldersync.index.StatKey;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The sync route's MD5-keyed idempotent repository: asked with a {@link StatKey} (path, size, mtime, mode, owner,
 * ctime, inode from the walk's lstat), it contains the file when the pair's {@link ChangePolicy} finds, from the MD5
 * index, that REPLICA holds it as it is now; such a file is not routed. Nothing is added by asking: the copy records the
 * entry with the MD5 it computes as it reads, which no key can carry.
 */
public class Md5IndexRepository extends ServiceSupport implements IdempotentRepository {

    private final Md5Index index;
    private final ChangePolicy policy;

    public Md5IndexRepository(Md5Index index, ChangePolicy policy) {
        this.index = index;
        this.policy = policy;
    }

    @Override
    public boolean contains(String key) {
        StatKey file = StatKey.parse(key);
        FileMeta listed = new FileMeta(FileKind.FILE, file.size(), file.mtimeNanos(), file.permissions(), file.inode(),
                file.uid(), file.gid(), file.ctimeNanos(), 1, 0);
        return contains(file.path(), listed);
    }

    /**
     * The same question, asked by the pair's own walk with what its lstat found: a cycle over a big unchanged tree asks
     * it of every file, and writing and parsing a key for each took a tenth of the walking thread's samples in a
     * profile of one.
     */
    public boolean contains(String path, FileMeta listed) {
        return policy.isCurrent(listed, index.get(path));
    }

    /** An eager consumer's claim: true when the file is to be routed. */
    @Override
    public boolean add(String key) {
        return !contains(key);
    }

    /** A file whose exchange failed is forgotten, so the next cycle decides about it afresh. */
    @Override
    public boolean remove(String key) {
        String path = StatKey.parse(key).path();
        boolean known = index.get(path) != null;
        index.forget(path);
        return known;
    }

    /** The copy recorded the entry itself: confirmed when it did. */
    @Override
    public boolean confirm(String key) {
        return contains(key);
    }

    /** Camel's clear: the index is the pair's record of REPLICA, which only the apply path changes. */
    @Override
    public void clear() {
        throw new UnsupportedOperationException("the MD5 index is cleared by deleting the pair's state folder");
    }
}
