package io.foldersync;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README is the user's reference: every key application.properties has must be documented there. */
class ReadmeTest {

    /** The top of the checkout, where README, application.properties and .ci/run are. */
    private static final Path ROOT = Path.of(System.getProperty("folder-sync.root", ".."));

    @Test
    void everySettingIsDocumentedInTheReadme() throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("application.properties"))) {
            settings.load(reader);
        }
        String readme = Files.readString(ROOT.resolve("README.md"));

        List<String> missing = settings.stringPropertyNames().stream().sorted()
                .filter(key -> !readme.contains("`" + key + "`")).toList();

        assertEquals(List.of(), missing, "keys in application.properties that README does not name");
    }
}
