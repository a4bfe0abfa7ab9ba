package io.foldersync.decide;

import java.util.List;

import io.foldersync.fs.FileMeta;

/**
 * What one trigger asks of REPLICA: that a path be brought in line with SOURCE. It names the path and who asked, not
 * what to do: that is decided when it is applied, from SOURCE as it is then ({@link ChangePolicy}), so a decision made
 * from a listing that has gone stale cannot undo a newer one. The cycle's walk passes on its lstat of a file, which the
 * copy checks against the file it opens; the names of a file with several hard links travel together.
 *
 * @param paths      one path, or every name of one file with several hard links
 * @param listed     the walk's lstat of the path, or null
 * @param file       for the names of one file with several hard links, that file's key (device and inode); else null
 * @param forget     whether what the index says of the path is forgotten first: REPLICA's copy is known to be wrong
 * @param watch      for an event, which of the SOURCE folders the watch has followed it was seen in
 *                   ({@code SourceRoot.watchedGeneration()}): one from a folder since deleted and made anew says
 *                   nothing of the new one, however late it is applied
 */
public record Decision(Origin origin, List<String> paths, FileMeta listed, String file, boolean forget, long watch) {

    /** Who asked: what a deletion may do depends on it. */
    public enum Origin {
        /** The sync cycle's walk of SOURCE: a changed file, a link, or a folder after its content. */
        CYCLE,
        /** The watch: something changed at this path. */
        EVENT,
        /** The prune pass: REPLICA holds what SOURCE lacks (or what the filters leave out, with delete-excluded). */
        PASS,
        /** A verify or the prune pass found REPLICA's copy wrong (edited, deleted by someone else): forgotten first. */
        REPAIR
    }

    public static Decision listed(String path, FileMeta listed) {
        return new Decision(Origin.CYCLE, List.of(path), listed, null, false, 0);
    }

    /** A file the walk found in a folder REPLICA has lost: whatever the index says of it is gone too. */
    public static Decision relisted(String path, FileMeta listed) {
        return new Decision(Origin.CYCLE, List.of(path), listed, null, true, 0);
    }

    /** A decision about one path; an event's as seen in the SOURCE folder there at start, before any watch. */
    public static Decision of(Origin origin, String path) {
        return new Decision(origin, List.of(path), null, null, origin == Origin.REPAIR, 0);
    }

    /** What the watch saw change at a path, in the SOURCE folder it followed then. */
    public static Decision event(String path, long watch) {
        return new Decision(Origin.EVENT, List.of(path), null, null, false, watch);
    }

    /** The names of one file with several hard links, by its key: copied once, the others linked to it. */
    public static Decision hardLinks(Origin origin, long watch, List<String> names, String file) {
        return new Decision(origin, List.copyOf(names), null, file, false, watch);
    }

    /** The same decision without the walk's listing: a retry looks at SOURCE afresh. */
    public Decision lookingAgain() {
        return listed == null ? this : new Decision(origin, paths, null, file, forget, watch);
    }

    /**
     * What the decision's turn covers: its paths, and for a file's names the file itself, so that two decisions about
     * one file (its names met by two events before either was recorded) never run at once.
     */
    public List<String> turnKeys() {
        if (file == null) {
            return paths;
        }
        List<String> keys = new java.util.ArrayList<>(paths);
        keys.add("\0file " + file);
        return keys;
    }

    public String path() {
        return paths.get(0);
    }

    public boolean isHardLinkGroup() {
        return file != null;
    }

    /**
     * This decision, for a path a later one also asks about before this one was applied: one application serves both,
     * as it looks at SOURCE when it runs. A repair stays a repair, and what either would forget is forgotten; the later
     * decision's listing is the fresher. The folder an event was seen in is the later of the two: an event of SOURCE
     * as it is now makes the change one of that folder, whichever came first.
     */
    public Decision supersededBy(Decision later) {
        Origin origin = this.origin == Origin.REPAIR ? Origin.REPAIR : later.origin;
        return new Decision(origin, paths, later.listed, file, forget || later.forget, Math.max(watch, later.watch));
    }

    @Override
    public String toString() {
        return origin + " " + String.join(" ", paths);
    }
}
