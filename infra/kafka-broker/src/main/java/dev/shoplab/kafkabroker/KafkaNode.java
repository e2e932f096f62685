package dev.shoplab.kafkabroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs one KRaft node (broker and controller) from a server.properties file, formatting its log
 * folder first when it has never been formatted — in one JVM, so a start costs one JVM start-up, not
 * two. Arguments: {@code <server.properties> <cluster-id>}.
 */
public final class KafkaNode {

    private KafkaNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaNode <server.properties> <cluster-id>");
            System.exit(2);
        }
        Properties config = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[0]))) {
            config.load(in);
        }
        Path logDir = Path.of(config.getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", args[1], "-c", args[0]},
                    System.out);
            if (formatted != 0) {
                System.err.println("Formatting " + logDir + " failed with code " + formatted);
                System.exit(formatted);
            }
        }
        kafka.Kafka.main(new String[] {args[0]});
    }
}
