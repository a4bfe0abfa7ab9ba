package io.foldersync.spring;

import io.foldersync.settings.SettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong sync.* value, reported the Spring Boot way when the app fails to start: what is wrong, and what to do. */
public class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingsException cause) {
        return new FailureAnalysis("The folder-sync settings are not valid: " + cause.getMessage(),
                "Correct the sync.* setting named above in the application's properties, YAML or environment "
                        + "(README's settings table lists every key).", cause);
    }
}
