package dev.shoplab.lab.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where PostgreSQL and Kafka come from for a lab run; chosen with {@code --infra}. */
public enum InfraProvider {

    /** Default: real servers started by the lab as child processes (no Docker needed). */
    EMBEDDED,
    /** Testcontainers, for users who have a Docker engine. */
    CONTAINERS,
    /** Servers the user already runs and names on the command line; the lab starts nothing. */
    EXTERNAL;

    /** The name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line value; an unknown value gets an error that lists the valid ones. */
    public static InfraProvider fromCli(String value) {
        for (InfraProvider p : values()) {
            if (p.cliName().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown infra provider '" + value + "': use one of "
                + Arrays.stream(values()).map(InfraProvider::cliName).collect(Collectors.joining(", ")));
    }
}
