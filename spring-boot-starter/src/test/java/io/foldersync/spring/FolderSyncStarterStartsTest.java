package io.foldersync.spring;

import java.nio.file.Files;
import java.nio.file.Path;

import io.foldersync.support.Await;
import io.foldersync.support.Trees;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an app starts with the starter: with no pair, with two, and with a wrong setting. */
class FolderSyncStarterStartsTest {

    @TempDir
    Path work;

    private ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                .properties("app.inbox=" + work.resolve("inbox"))
                .properties(properties).run();
    }

    @Test
    void withoutAPairNothingOfOursIsThere() {
        try (ConfigurableApplicationContext app = start()) {
            CamelContext camel = app.getBean(CamelContext.class);
            assertEquals(1, camel.getRoutes().size(), "the app's own route only: " + camel.getRoutes());
            assertFalse(app.containsBean("folderSyncPairs"));
        }
    }

    @Test
    void twoPairsRunSideBySide() throws Exception {
        Trees.write(work, "docs/a.txt", "docs");
        Trees.write(work, "photos/p.jpg", "photo");
        try (ConfigurableApplicationContext app = start("sync.pairs=docs,photos",
                "sync.pair.docs.source=" + work.resolve("docs"), "sync.pair.docs.replica=" + work.resolve("b/docs"),
                "sync.pair.photos.source=" + work.resolve("photos"),
                "sync.pair.photos.replica=" + work.resolve("b/photos"), "sync.pair.photos.exclude=*.tmp",
                "sync.state-dir=" + work.resolve("state"))) {
            Await.until(() -> Files.exists(work.resolve("b/docs/a.txt")) && Files.exists(work.resolve("b/photos/p.jpg")),
                    30_000, "both pairs mirrored");
            Trees.write(work, "photos/skip.tmp", "left out");
            Trees.write(work, "photos/q.jpg", "another");
            Await.until(() -> Files.exists(work.resolve("b/photos/q.jpg")), 5_000, "the photos pair's watch");
            assertFalse(Files.exists(work.resolve("b/photos/skip.tmp")), "its own filter");
            assertNotNull(app.getBean(CamelContext.class).getRoute("photos-apply"));
        }
    }

    @Test
    void aWrongSettingFailsTheStartNamingIt() throws Exception {
        Path source = java.nio.file.Files.createDirectories(work.resolve("src"));
        Exception failure = assertThrows(Exception.class, () -> start("sync.source=" + source,
                "sync.replica=" + work.resolve("r"), "sync.interval=soon"));
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("sync.interval"), root.getMessage());
        FailureAnalysis analysis = new SettingsFailureAnalyzer().analyze(failure);
        assertNotNull(analysis, "Spring Boot reports it as a failure analysis");
        assertTrue(analysis.getDescription().contains("sync.interval"), analysis.getDescription());
    }
}
