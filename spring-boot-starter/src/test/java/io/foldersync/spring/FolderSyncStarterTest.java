package io.foldersync.spring;

import java.nio.file.Files;
import java.nio.file.Path;

import io.foldersync.support.Await;
import io.foldersync.support.Trees;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starter in an app, on real folders: the pair of the app's sync.* properties mirrors SOURCE and follows its
 * changes, shows in the app's health and meters, and leaves the app's own file: route and component as stock.
 */
@CamelSpringBootTest
@SpringBootTest(classes = TestApp.class)
class FolderSyncStarterTest {

    @TempDir
    static Path work;

    @Autowired
    CamelContext camel;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HealthContributor folderSyncHealthContributor;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws Exception {
        Trees.write(work, "source/before.txt", "there before the start");
        registry.add("sync.source", () -> work.resolve("source").toString());
        registry.add("sync.replica", () -> work.resolve("replica").toString());
        registry.add("sync.state-dir", () -> work.resolve("state").toString());
        registry.add("sync.interval", () -> "1h");
        registry.add("app.inbox", () -> work.resolve("inbox").toString());
        registry.add("camel.main.routes-include-pattern", () -> "classpath:routes/*.yaml"); // the app's own routes
    }

    @Test
    void mirrorsAtStartAndFollowsChangesWithTheWatch() throws Exception {
        Await.until(() -> Files.exists(work.resolve("replica/before.txt")), 30_000, "SOURCE mirrored at start");
        Trees.write(work, "source/sub/new.txt", "made while the app runs");
        Await.until(() -> Files.exists(work.resolve("replica/sub/new.txt")), 5_000, "a change, by the watch");
        Files.delete(work.resolve("source/before.txt"));
        Await.until(() -> !Files.exists(work.resolve("replica/before.txt")), 5_000, "a deletion, by the watch");
    }

    @Test
    void theAppsHealthAndMetersShowThePair() throws Exception {
        Await.until(() -> health().getStatus().equals(Status.UP), 30_000, "the pair up after its first cycle");
        assertTrue(health().getDetails().containsKey("cycles"), health().toString());
        Await.until(() -> meters.find("folder.sync.actions").tag("pair", "default").tag("action", "COPY")
                .functionCounter() != null, 10_000, "the folder_sync_* meters in the app's registry");
    }

    @Test
    void theAppsOwnFileRouteAndComponentStayStock() throws Exception {
        assertSame(FileComponent.class, camel.getComponent("file").getClass(), "the app's file component, not ours");
        Trees.write(work, "inbox/order.xml", "<order/>");
        Await.until(() -> Files.exists(work.resolve("inbox/.done/order.xml")), 10_000, "move=.done, as stock");
        assertTrue(camel.getRoute("inbox") != null && camel.getRoute("default-sync") != null);
        assertTrue(camel.getRoute("app-hello") != null, "the app's routes/*.yaml, beside ours");
    }

    private org.springframework.boot.actuate.health.Health health() {
        HealthIndicator pair = (HealthIndicator) ((CompositeHealthContributor) folderSyncHealthContributor)
                .getContributor("default");
        return pair.health();
    }
}
