package io.foldersync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Relative paths as the index and the log name them, REPLICA's root being "". */
class RelativePathTest {

    @Test
    void depthCountsTheNamesOfAPath() {
        assertEquals(0, RelativePath.depth(""));
        assertEquals(1, RelativePath.depth("a"));
        assertEquals(2, RelativePath.depth("a/b"));
        assertEquals(4, RelativePath.depth("a/b c/d\\e/f"), "a backslash is part of a name");
    }

    @Test
    void parentNameAndChildTakeAPathApartAndBackTogether() {
        assertEquals("", RelativePath.parent("a"));
        assertEquals("a/b", RelativePath.parent("a/b/c"));
        assertEquals("c", RelativePath.name("a/b/c"));
        assertEquals("a", RelativePath.child("", "a"));
        assertEquals("a/b/c", RelativePath.child(RelativePath.parent("a/b/c"), RelativePath.name("a/b/c")));
    }
}
