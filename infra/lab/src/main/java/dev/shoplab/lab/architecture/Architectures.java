package dev.shoplab.lab.architecture;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The architectures the lab knows, in report order. */
public final class Architectures {

    private Architectures() {
    }

    /** Every architecture, in the order reports show them. */
    public static List<Architecture> all() {
        return List.of(new Monolith(), new DistributedMonolith(), new EventDriven());
    }

    /** The architecture of that command-line name. */
    public static Optional<Architecture> byName(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The valid names, for error messages: {@code monolith, distributed-monolith, event-driven}. */
    public static String names() {
        return all().stream().map(Architecture::name).collect(Collectors.joining(", "));
    }
}
