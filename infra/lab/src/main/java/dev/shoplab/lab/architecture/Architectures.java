package dev.shoplab.lab.architecture;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The architectures on the class path, found with {@link ServiceLoader}: each architecture's {@code lab} module
 * ({@code monolith/lab}, {@code distributed-monolith/lab}, {@code event-driven/lab}) registers its
 * {@link Architecture} in {@code META-INF/services/dev.shoplab.lab.architecture.Architecture}. The lab itself
 * knows none of them, so a fourth architecture is a fourth module, not a change here.
 */
public final class Architectures {

    private Architectures() {
    }

    /** Every architecture on the class path, in the order reports show them ({@link Architecture#reportOrder()}). */
    public static List<Architecture> all() {
        return ServiceLoader.load(Architecture.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(Architecture::reportOrder).thenComparing(Architecture::name))
                .toList();
    }

    /** The architecture of that command-line name. */
    public static Optional<Architecture> byName(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * The architectures a command names ({@code --arch a,b}), in the order given; all of them when it names none.
     *
     * @throws IllegalStateException    when no architecture is on the class path at all
     * @throws IllegalArgumentException naming the unknown name and the valid ones
     */
    public static List<Architecture> chosen(List<String> names) {
        List<Architecture> all = all();
        if (all.isEmpty()) {
            throw new IllegalStateException("No architecture is built into this lab yet.");
        }
        if (names.isEmpty()) {
            return all;
        }
        return names.stream().map(String::trim).map(name -> byName(name).orElseThrow(() ->
                new IllegalArgumentException("Unknown architecture '" + name + "': use one of " + names()))).toList();
    }

    /** The valid names, for error messages: {@code monolith, distributed-monolith, event-driven}. */
    public static String names() {
        List<Architecture> all = all();
        return all.isEmpty() ? "(none: no architecture's lab module is on the class path)"
                : all.stream().map(Architecture::name).collect(Collectors.joining(", "));
    }
}
