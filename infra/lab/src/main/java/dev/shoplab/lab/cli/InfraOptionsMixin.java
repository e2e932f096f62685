package dev.shoplab.lab.cli;

import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.infra.InfraProvider;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that choose where PostgreSQL and Kafka come from, shared by every command that starts infra. */
public final class InfraOptionsMixin {

    @Option(names = "--infra", paramLabel = "PROVIDER", defaultValue = "embedded", converter = ProviderConverter.class,
            description = "Where PostgreSQL and Kafka come from: embedded (default; child processes, no Docker), "
                    + "containers (Testcontainers, needs Docker), external (servers you name with --postgres, --kafka).")
    public InfraProvider provider;

    @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "durable",
            converter = DurabilityConverter.class,
            description = "PostgreSQL commit durability: durable (default; fsync on, synchronous_commit on) or "
                    + "relaxed (fsync off, as tests run).")
    Durability durability;

    @Option(names = "--postgres", paramLabel = "HOST:PORT", description = "External PostgreSQL (with --infra external).")
    String postgres;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "postgres",
            description = "User of the external PostgreSQL; it must be allowed to create databases (default: postgres).")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", description = "Password of that user.")
    String postgresPassword;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "External Kafka bootstrap servers (with --infra external).")
    String kafka;

    public InfraOptions toOptions(boolean needsKafka) {
        return new InfraOptions(provider, needsKafka, durability, postgres, postgresUser, postgresPassword, kafka);
    }

    /** Parses {@code --infra}, naming the valid values when the value is wrong. */
    static final class ProviderConverter implements CommandLine.ITypeConverter<InfraProvider> {
        @Override
        public InfraProvider convert(String value) {
            try {
                return InfraProvider.fromCli(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code --durability}, naming the valid values when the value is wrong. */
    static final class DurabilityConverter implements CommandLine.ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            for (Durability d : Durability.values()) {
                if (d.name().equalsIgnoreCase(value)) {
                    return d;
                }
            }
            throw new CommandLine.TypeConversionException("Unknown durability '" + value
                    + "': use one of durable, relaxed");
        }
    }
}
