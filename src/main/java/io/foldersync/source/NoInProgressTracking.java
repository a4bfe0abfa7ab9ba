package io.foldersync.source;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The file consumer's in-progress set, switched off. Camel adds a file's raw path to it and removes the normalised
 * one, which differ for a name holding a backslash: the key would stick and that file would be skipped for good. What
 * the set guards against, a poll picking up files the previous poll is still copying, cannot happen here: the sync
 * cycle ends only after its last copy.
 */
public class NoInProgressTracking extends ServiceSupport implements IdempotentRepository {

    @Override
    public boolean add(String key) {
        return true;
    }

    @Override
    public boolean contains(String key) {
        return false;
    }

    @Override
    public boolean remove(String key) {
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        // nothing is kept
    }
}
