package dev.shoplab.lab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code ./shoplab status} says of a running process that has a liveness check: the services' Quarkus
 * {@code /q/health/live} (SmallRye Health's JSON: a {@code status} and {@code checks}, each with a {@code name},
 * {@code status} and {@code data}). A process can run and yet report itself DOWN — an event-driven service whose
 * consumer loop an {@link Error} ended ({@code messaging-loops}) — which Kubernetes would restart and the lab shows.
 * Every check is asked at once and given {@link #TIMEOUT}: a hung service costs status one second, not one per
 * service.
 */
final class Liveness {

    /** How long status waits for a liveness answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Liveness() {
    }

    /**
     * Asks every URL in {@code urls} at once; for each, empty when it answered 200 (live), else what to show after
     * "running": {@code NOT LIVE: messaging-loops (dead: event-consumer-0 ended by …)}, or that it did not answer
     * ({@link #unanswered}).
     */
    static Map<String, Optional<String>> ask(Collection<String> urls) {
        Map<String, CompletableFuture<Optional<String>>> asked = new HashMap<>();
        for (String url : urls) {
            asked.computeIfAbsent(url, u -> CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(u)).timeout(TIMEOUT)
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(Liveness::verdict)
                    .exceptionally(e -> Optional.of(unanswered(u, e))));
        }
        Map<String, Optional<String>> said = new HashMap<>();
        asked.forEach((url, answer) -> said.put(url, answer.join()));
        return said;
    }

    /**
     * What to say of a check that gave no answer: nothing listens on its port yet (a service starting, the normal
     * case for its first seconds) or it did not answer within {@link #TIMEOUT} (starting, busy past its knee, or hung).
     */
    static String unanswered(String url, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "not listening yet on " + URI.create(url).getPort() + " (starting?)";
            }
        }
        return "its liveness check (" + url + ") gave no answer within " + TIMEOUT.toSeconds()
                + " s: starting, busy or hung";
    }

    /** Empty for a 200; else the checks that are DOWN, with their data, or the status and body when not JSON. */
    static Optional<String> verdict(HttpResponse<String> answer) {
        if (answer.statusCode() == 200) {
            return Optional.empty();
        }
        List<String> down = new ArrayList<>();
        try {
            JsonNode checks = JSON.readTree(answer.body()).path("checks");
            for (JsonNode check : checks) {
                if (!"UP".equals(check.path("status").asText())) {
                    StringBuilder s = new StringBuilder(check.path("name").asText("a check"));
                    List<String> data = new ArrayList<>();
                    check.path("data").fields().forEachRemaining(f -> data.add(f.getKey() + ": " + f.getValue().asText()));
                    if (!data.isEmpty()) {
                        s.append(" (").append(String.join(", ", data)).append(')');
                    }
                    down.add(s.toString());
                }
            }
        } catch (IOException e) {
            // not SmallRye Health's JSON: say what came back
        }
        return Optional.of("NOT LIVE: " + (down.isEmpty()
                ? "its liveness check answered " + answer.statusCode()
                : String.join("; ", down)));
    }
}
