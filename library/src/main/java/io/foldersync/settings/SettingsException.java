package io.foldersync.settings;

/** A setting is missing or wrong: the message names it, in one line a user can act on. */
public class SettingsException extends IllegalArgumentException {

    public SettingsException(String message) {
        super(message);
    }
}
