package io.foldersync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.foldersync.settings.SettingsException;

/**
 * The arguments as given: SOURCE REPLICA INTERVAL LOG_FILE (all four, or none), and the flags.
 *
 * @param versionsOf the file whose kept versions --versions lists; or null
 * @param restore    the file --restore puts a version of back; or null
 * @param at         --restore's --at TIME as given, or null for the newest version
 * @param to         --restore's --to DIR, or null for the file's place in SOURCE
 * @param force      whether --restore may replace a file modified after the version
 */
record CommandLine(List<String> positional, boolean once, boolean dryRun, boolean verify, boolean repair, boolean help,
                   boolean version, String console, String config, List<String> includes, List<String> excludes,
                   String versionsOf, String restore, String at, String to, boolean force) {

    static final String USAGE = """
            Usage: java -jar folder-sync.jar SOURCE REPLICA INTERVAL LOG_FILE [OPTIONS]
                   java -jar folder-sync.jar [OPTIONS]        (SOURCE, REPLICA, ... from properties)

            Keeps REPLICA an exact copy of SOURCE: a cycle every INTERVAL (60, 500ms, 30s, 5m), logging to LOG_FILE.
              --once          run one full cycle, then exit: 0 in sync, 1 if some entries failed, 2 on bad usage
              --dry-run       log what would be done; change nothing
              --verify        read both trees fully and print each difference (DIFF path what); change nothing;
                              exit 0 when identical, 1 when not
              --verify --repair  run one cycle, then verify and mirror again each path that differs (REPAIR
                              lines), as rsync -c does; exit 0 when all is repaired, 1 when not
              -q, --quiet     console: warnings, errors and summaries of cycles that changed something
              -v, --verbose   console: every action, and details (the log file has every action anyway)
              --exclude PATTERN  leave out what matches, as rsync reads it (*.tmp, .git/ and docs/*.pdf at any
                                 depth, /build at SOURCE's root only); repeatable, one pattern each
              --include PATTERN  mirror only what matches, and the folders leading to it; repeatable
              --versions PATH    list the kept versions of a file (sync.versions-dir), newest first: when each
                                 was kept, when it was modified, size, MD5, where it is; exit 1 when there is none.
                                 PATH is relative to SOURCE, or absolute inside SOURCE or REPLICA
              --restore PATH     put the newest kept version of a file back into SOURCE (PATH as for --versions,
                                 or a version's own path); the mirror then copies it, keeping REPLICA's file as a
                                 version. Refused (exit 1) over a file modified after the version, unless --force
                --at TIME        the file as it was at TIME: 2026-12-01T10:15:00Z, or 20261201-101500 (UTC)
                --to DIR         write it into DIR instead (an existing folder outside REPLICA)
                --force          replace a file modified after the version
              --config FILE   read settings (sync.*, camel.*) from FILE, over the built-in application.properties
              --help          print this text
              --version       print the version
            Every setting is also a property (sync.source, sync.replica, sync.interval, sync.log-file, ...), an
            environment variable (SYNC_SOURCE, ...) or a system property (-Dsync.source=...); arguments win.""";

    /** Other words with one dash are arguments: "-5" is an INTERVAL, to be refused as such. */
    private static final Set<String> SHORT_OPTIONS = Set.of("-q", "-v", "-h");

    static CommandLine parse(String[] args) {
        List<String> positional = new ArrayList<>();
        boolean once = false;
        boolean dryRun = false;
        boolean verify = false;
        boolean repair = false;
        boolean help = false;
        boolean version = false;
        String console = null;
        String config = null;
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        String versionsOf = null;
        String restore = null;
        String at = null;
        String to = null;
        boolean force = false;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || (!arg.startsWith("--") && !SHORT_OPTIONS.contains(arg))) {
                positional.add(arg);
                continue;
            }
            switch (arg) {
                case "--" -> optionsEnded = true;
                case "--once" -> once = true;
                case "--dry-run" -> dryRun = true;
                case "--verify" -> verify = true;
                case "--repair" -> repair = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--quiet", "-q" -> console = "quiet";
                case "--verbose", "-v" -> console = "verbose";
                case "--config" -> config = value(args, ++i, arg, "a file");
                case "--include" -> includes.add(pattern(args, ++i, arg));
                case "--exclude" -> excludes.add(pattern(args, ++i, arg));
                case "--versions" -> versionsOf = path(args, ++i, arg);
                case "--restore" -> restore = path(args, ++i, arg);
                case "--at" -> at = value(args, ++i, arg, "a time");
                case "--to" -> to = path(args, ++i, arg);
                case "--force" -> force = true;
                default -> {
                    String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    String value = arg.substring(option.length() + (arg.contains("=") ? 1 : 0));
                    switch (option) {
                        case "--config" -> config = value;
                        case "--include" -> includes.add(pattern(new String[] {value}, 0, option));
                        case "--exclude" -> excludes.add(pattern(new String[] {value}, 0, option));
                        case "--versions" -> versionsOf = path(new String[] {value}, 0, option);
                        case "--restore" -> restore = path(new String[] {value}, 0, option);
                        case "--at" -> at = value;
                        case "--to" -> to = path(new String[] {value}, 0, option);
                        default -> throw new SettingsException("unknown option " + arg + " (see --help)");
                    }
                }
            }
        }
        if (!help && !version && !positional.isEmpty() && positional.size() != 4) {
            throw new SettingsException("expected 4 arguments (SOURCE REPLICA INTERVAL LOG_FILE) or none, got "
                    + positional.size() + " (see --help)");
        }
        checkVersionOptions(versionsOf, restore, at, to, force, once || dryRun || verify || repair);
        return new CommandLine(List.copyOf(positional), once, dryRun, verify, repair, help, version, console, config,
                List.copyOf(includes), List.copyOf(excludes), versionsOf, restore, at, to, force);
    }

    /** Whether this run lists or restores versions rather than mirroring. */
    boolean handlesVersions() {
        return versionsOf != null || restore != null;
    }

    /** --at, --to and --force qualify a --restore; a --versions or --restore run mirrors nothing. */
    private static void checkVersionOptions(String versionsOf, String restore, String at, String to, boolean force,
                                            boolean mirrorOption) {
        if (versionsOf != null && restore != null) {
            throw new SettingsException("give --versions PATH or --restore PATH, not both (see --help)");
        }
        if (restore == null && (at != null || to != null || force)) {
            String option = at != null ? "--at" : to != null ? "--to" : "--force";
            throw new SettingsException(option + " goes with --restore PATH (see --help)");
        }
        if ((versionsOf != null || restore != null) && mirrorOption) {
            throw new SettingsException((versionsOf != null ? "--versions" : "--restore") + " mirrors nothing: "
                    + "leave out --once, --dry-run and --verify (see --help)");
        }
    }

    private static String path(String[] args, int index, String option) {
        String path = value(args, index, option, "a path");
        if (path.isBlank()) {
            throw new SettingsException(option + " needs a path; an empty one names nothing (see --help)");
        }
        return path;
    }

    /** One pattern per option, commas and all; an empty one would match nothing, which is never meant. */
    private static String pattern(String[] args, int index, String option) {
        String pattern = value(args, index, option, "a pattern");
        if (pattern.isBlank()) {
            throw new SettingsException(option + " needs a pattern; an empty one matches nothing (see --help)");
        }
        return pattern;
    }

    private static String value(String[] args, int index, String option, String what) {
        if (index >= args.length) {
            throw new SettingsException(option + " needs " + what);
        }
        return args[index];
    }
}
