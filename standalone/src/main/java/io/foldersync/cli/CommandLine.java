package io.foldersync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.foldersync.settings.SettingsException;

/** The arguments as given: SOURCE REPLICA INTERVAL LOG_FILE (all four, or none), and the flags. */
record CommandLine(List<String> positional, boolean once, boolean dryRun, boolean verify, boolean repair, boolean help,
                   boolean version, String console, String config, List<String> includes, List<String> excludes) {

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
              --exclude PATTERN  leave out what matches, as rsync and .gitignore read it (*.tmp and .git/ at any
                                 depth, /build at SOURCE's root only, docs/**/*.pdf); repeatable, one pattern each
              --include PATTERN  mirror only what matches, and the folders leading to it; repeatable
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
                default -> {
                    String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    String value = arg.substring(option.length() + (arg.contains("=") ? 1 : 0));
                    switch (option) {
                        case "--config" -> config = value;
                        case "--include" -> includes.add(pattern(new String[] {value}, 0, option));
                        case "--exclude" -> excludes.add(pattern(new String[] {value}, 0, option));
                        default -> throw new SettingsException("unknown option " + arg + " (see --help)");
                    }
                }
            }
        }
        if (!help && !version && !positional.isEmpty() && positional.size() != 4) {
            throw new SettingsException("expected 4 arguments (SOURCE REPLICA INTERVAL LOG_FILE) or none, got "
                    + positional.size() + " (see --help)");
        }
        return new CommandLine(List.copyOf(positional), once, dryRun, verify, repair, help, version, console, config,
                List.copyOf(includes), List.copyOf(excludes));
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
