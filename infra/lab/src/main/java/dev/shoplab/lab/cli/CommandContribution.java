package dev.shoplab.lab.cli;

/**
 * A subcommand that a module further up the build adds to {@code ./shoplab} (for example {@code bench}
 * from load-tests), found with {@link java.util.ServiceLoader} so the lab does not depend on it.
 */
public interface CommandContribution {

    /** A picocli {@code @Command} object. */
    Object command();
}
