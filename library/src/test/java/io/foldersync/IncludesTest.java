package io.foldersync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.foldersync.support.Trees;
import io.foldersync.support.MirrorRouteTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sync.include chooses what is mirrored, and a folder is mirrored only while it leads to something chosen: what
 * {@code rsync -am --include='*}{@code /' --include=... --exclude='*'} makes, on real folders, by the cycle.
 */
class IncludesTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.include", "keep.txt,py/json/**");
    }

    @Test
    void onlyFoldersLeadingToAnIncludedEntryAreMade() throws Exception {
        Trees.write(source, "keep.txt", "top");
        Trees.write(source, "proj/a/keep.txt", "deep");
        Trees.write(source, "proj/node_modules/lodash/index.js", "not chosen");
        Trees.write(source, "py/asyncio/__pycache__/x.pyc", "not chosen");
        Trees.write(source, "py/json/tool.py", "chosen by py/json/**");
        Files.createDirectories(source.resolve("py/json/empty"));
        Files.createDirectories(source.resolve("empty/deeper"));

        cycle();

        assertEquals(List.of("keep.txt", "proj", "proj/a", "proj/a/keep.txt", "py", "py/json", "py/json/tool.py"),
                tree(replica));
        assertTrue(actions().stream().noneMatch(line -> line.contains("node_modules") || line.contains("empty")),
                actions().toString());
    }

    @Test
    void aFolderLeftEmptyWhenItsLastMatchGoesIsRemoved() throws Exception {
        Trees.write(source, "keep.txt", "top, so that SOURCE is never empty");
        Trees.write(source, "a/b/keep.txt", "the only match below a");
        Trees.write(source, "a/other.txt", "not chosen");
        cycle();
        assertTrue(Files.exists(replica.resolve("a/b/keep.txt")));

        Files.delete(source.resolve("a/b/keep.txt"));
        cycle();

        assertEquals(List.of("keep.txt"), tree(replica));
        assertTrue(actions().contains("DELETE_DIR a/b") && actions().contains("DELETE_DIR a"), actions().toString());
    }

    @Test
    void emptyFoldersAnEarlierReleaseMadeAreRemovedButNothingElse() throws Exception {
        Trees.write(source, "keep.txt", "top");
        Files.createDirectories(source.resolve("proj/node_modules/lodash"));
        Files.createDirectories(replica.resolve("proj/node_modules/lodash"));
        Trees.write(replica, "proj/someone-elses.txt", "left alone: excluded by the includes, and not ours");

        cycle();

        assertEquals(List.of("keep.txt", "proj", "proj/someone-elses.txt"), tree(replica));
    }

    static List<String> tree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).sorted()
                    .toList();
        }
    }
}
