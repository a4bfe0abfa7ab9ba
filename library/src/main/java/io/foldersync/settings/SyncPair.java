package io.foldersync.settings;

/** One SOURCE -> REPLICA pair, by the name its routes, beans, metrics and health check carry. */
public record SyncPair(String name, SyncSettings settings) {
}
