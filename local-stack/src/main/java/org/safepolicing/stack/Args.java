package org.safepolicing.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of one launcher command (what follows its command word), read against what the command takes
 * ({@link Spec}): {@code --name value} options, single or repeatable, flags, positional words, optionally {@code --}
 * and the words after it, and groups of options that each {@code --name value} of one option starts
 * ({@code daemon}'s {@code --component NAME --ports ...}).
 *
 * <p>An option's value is the next word, which may be empty but may not start with {@code --}. {@link #parse} refuses
 * with an {@link IllegalArgumentException}, whose message the command prints as its usage error (exit 2): an option
 * the command does not take ({@code unknown argument '--x'}), an option without its value ({@code --x needs a
 * value}), a single-valued option given twice ({@code --x is given twice}), and a positional word beyond those the
 * command takes ({@code unexpected argument 'x'}). A flag may be given more than once.
 */
final class Args {

    private enum Kind { VALUE, REPEATABLE, FLAG }

    /** What a command takes; each method returns a copy that takes that too. */
    static final class Spec {
        private final Map<String, Kind> options;
        private final int positionals;
        private final boolean rest;
        private final String groupOption;
        private final Spec group;

        private Spec(Map<String, Kind> options, int positionals, boolean rest, String groupOption, Spec group) {
            this.options = options;
            this.positionals = positionals;
            this.rest = rest;
            this.groupOption = groupOption;
            this.group = group;
        }

        /** Options that take one value, given at most once. */
        Spec values(String... names) {
            return with(Kind.VALUE, names);
        }

        /** Options that take one value and may be given again, each time with another. */
        Spec repeatable(String... names) {
            return with(Kind.REPEATABLE, names);
        }

        /** Options without a value. */
        Spec flags(String... names) {
            return with(Kind.FLAG, names);
        }

        /** At most {@code max} positional words, anywhere between the options. */
        Spec positionals(int max) {
            return new Spec(options, max, rest, groupOption, group);
        }

        /** {@code --} ends the options: the words after it are {@link Args#rest()}, whatever they are. */
        Spec rest() {
            return new Spec(options, positionals, true, groupOption, group);
        }

        /**
         * Each {@code option VALUE} starts a group of the options {@code members} takes, up to the next one (or the
         * end); an option both take belongs to the group once one has started. Positional words and {@code --} stay
         * the command's. The groups are {@link Args#groups()}, each with {@code option} as one of its values.
         */
        Spec group(String option, Spec members) {
            return new Spec(options, positionals, rest, option, members.values(option));
        }

        private Spec with(Kind kind, String... names) {
            Map<String, Kind> more = new LinkedHashMap<>(options);
            for (String name : names) {
                if (!name.startsWith("--") || more.put(name, kind) != null) {
                    throw new IllegalStateException("bad or repeated option name " + name);
                }
            }
            return new Spec(Map.copyOf(more), positionals, rest, groupOption, group);
        }

        private Kind kind(String name) {
            Kind kind = options.get(name);
            if (kind == null) {
                throw new IllegalStateException(name + " is not an option of this command");
            }
            return kind;
        }
    }

    /** A command that takes nothing yet; add to it. */
    static Spec spec() {
        return new Spec(Map.of(), 0, false, null, null);
    }

    private final Spec spec;
    private final String context;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final List<Args> groups = new ArrayList<>();
    private List<String> rest = List.of();

    private Args(Spec spec, String context) {
        this.spec = spec;
        this.context = context;
    }

    /** Reads {@code args} as {@code spec} says; throws {@link IllegalArgumentException} for a bad command line. */
    static Args parse(List<String> args, Spec spec) {
        Args command = new Args(spec, "");
        Args group = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (spec.rest && arg.equals("--")) {
                command.rest = List.copyOf(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("--")) {
                if (command.positionals.size() >= spec.positionals) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                command.positionals.add(arg);
                continue;
            }
            if (arg.equals(spec.groupOption)) {
                String value = value(args, ++i, arg);
                group = new Args(spec.group, " (" + arg + " " + value + ")");
                group.add(arg, value);
                command.groups.add(group);
                continue;
            }
            Args to = group != null && group.spec.options.containsKey(arg) ? group : command;
            Kind kind = to.spec.options.get(arg);
            if (kind == null) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (kind == Kind.FLAG) {
                to.values.putIfAbsent(arg, List.of());
                continue;
            }
            String value = value(args, ++i, arg);
            if (kind == Kind.VALUE && to.values.containsKey(arg)) {
                throw new IllegalArgumentException(arg + " is given twice" + to.context);
            }
            to.add(arg, value);
        }
        return command;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i);
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** The value of a single-valued option; {@code NAME is required} when it was not given. */
    String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is required" + context));
    }

    /** The value of a single-valued option, if it was given. */
    Optional<String> optional(String name) {
        if (spec.kind(name) == Kind.REPEATABLE || spec.kind(name) == Kind.FLAG) {
            throw new IllegalStateException(name + " is not a single-valued option");
        }
        List<String> given = values.get(name);
        return given == null ? Optional.empty() : Optional.of(given.get(0));
    }

    /** Whether a flag was given. */
    boolean flag(String name) {
        if (spec.kind(name) != Kind.FLAG) {
            throw new IllegalStateException(name + " is not a flag");
        }
        return values.containsKey(name);
    }

    /** Every value of a repeatable option, in the order given; none when it was not given. */
    List<String> values(String name) {
        if (spec.kind(name) != Kind.REPEATABLE) {
            throw new IllegalStateException(name + " is not a repeatable option");
        }
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** Whether every one of the options (of any kind) was given. */
    boolean has(String... names) {
        for (String name : names) {
            spec.kind(name);
            if (!values.containsKey(name)) {
                return false;
            }
        }
        return true;
    }

    /** The positional words, in order. */
    List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** The words after {@code --}; none when there was no {@code --}. */
    List<String> rest() {
        return rest;
    }

    /** The groups, in order, each read as its {@link Spec#group} members say. */
    List<Args> groups() {
        return List.copyOf(groups);
    }
}
