package dev.shoplab.lab.infra;

/**
 * What a lab run asks of its infrastructure.
 *
 * @param provider       where the servers come from
 * @param kafka          whether a Kafka broker is needed
 * @param durability     PostgreSQL's commit durability (embedded provider only; reported either way)
 * @param externalJdbc   for {@link InfraProvider#EXTERNAL}: {@code host:port} of PostgreSQL
 * @param externalUser   for {@link InfraProvider#EXTERNAL}: a user that may create databases
 * @param externalPassword for {@link InfraProvider#EXTERNAL}: that user's password (may be null)
 * @param externalKafka  for {@link InfraProvider#EXTERNAL}: Kafka bootstrap servers
 */
public record InfraOptions(InfraProvider provider, boolean kafka, Durability durability, String externalJdbc,
                           String externalUser, String externalPassword, String externalKafka) {

    /** The embedded default. */
    public static InfraOptions embedded(boolean kafka, Durability durability) {
        return new InfraOptions(InfraProvider.EMBEDDED, kafka, durability, null, null, null, null);
    }
}
