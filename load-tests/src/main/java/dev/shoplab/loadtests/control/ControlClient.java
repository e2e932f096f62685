package dev.shoplab.loadtests.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the verbs ({@code ./shoplab load|fault|stats|audit}) use to reach the running lab commands: finds them
 * ({@link ControlFile}), reads the control token from {@code .shoplab/control-token} (never makes one: a verb
 * runs nothing of its own) and calls their control API.
 */
public final class ControlClient {

    /** Nothing to drive: no lab command runs, or none runs the architecture asked for. Exit code 2. */
    public static final class NothingRuns extends RuntimeException {
        NothingRuns(String message) {
            super(message, null, false, false);
        }
    }

    /** The API refused or failed the call; {@code status} is its HTTP status, the message its problem's detail. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String type;

        Refused(int status, String message) {
            this(status, "", message);
        }

        Refused(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }

        /** The problem's type as the API names it, for example {@code no-such-fault}; "" when it named none. */
        public String type() {
            return type;
        }

        /** 4xx: the request was wrong (exit 2); 5xx: the lab could not do it (exit 1). */
        public int status() {
            return status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final LabHome home;

    public ControlClient(LabHome home) {
        this.home = home;
    }

    /**
     * The lab commands to talk to: every one that runs, or those that run {@code architecture}.
     *
     * @throws NothingRuns when there is none
     */
    public List<ControlFile> targets(Optional<String> architecture) {
        List<ControlFile> live = ControlFile.live(home);
        if (live.isEmpty()) {
            throw new NothingRuns(whyNoControlApi());
        }
        if (architecture.isEmpty()) {
            return live;
        }
        List<ControlFile> running = live.stream().filter(c -> c.architectures().contains(architecture.get())).toList();
        if (running.isEmpty()) {
            throw new NothingRuns("No lab command runs the " + architecture.get() + "; running: " + String.join(", ",
                    live.stream().flatMap(c -> c.architectures().stream()).toList()) + ".");
        }
        return running;
    }

    /**
     * Why no lab command answers: none runs, one runs that has no control API ({@code infra up}), or one is still
     * starting ({@code demo} and {@code up} open theirs once their architectures are ready).
     */
    private String whyNoControlApi() {
        ProcessLedger ledger = new ProcessLedger(home.pidDir());
        boolean infraOnly = false;
        for (long owner : ledger.liveOwners()) {
            String command = ledger.ownerDescription(owner).getOrDefault("command", "");
            if (command.equals("demo") || command.startsWith("up ")) {
                return "'./shoplab " + command + "' (pid " + owner + ") is still starting: its control API opens once "
                        + "its architectures are ready (it prints their edge, the demo its page); run this again then.";
            }
            infraOnly |= command.equals("infra up");
        }
        String start = "start './shoplab demo' or './shoplab up <architecture>' first (in another terminal).";
        return infraOnly ? "Only './shoplab infra up' runs, which has no architecture to control: " + start
                : "Nothing is running: " + start;
    }

    /**
     * One call; the answer's JSON.
     *
     * @throws Refused with the problem's detail when the API answers an error
     */
    public JsonNode call(ControlFile target, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .timeout(Duration.ofSeconds(150))
                .header("Authorization", "Bearer " + token())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            if (answer.statusCode() / 100 != 2) {
                throw new Refused(answer.statusCode(), body.path("type").asText("").replaceFirst(".*/", ""),
                        body.path("detail").asText(answer.body()));
            }
            return body;
        } catch (IOException e) {
            throw new Refused(503, "The " + target.command() + " command (pid " + target.pid() + ") does not answer at "
                    + target.url() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "Interrupted");
        }
    }

    /**
     * The lab's control token, as {@code Authorization: Bearer} carries it.
     *
     * @throws NothingRuns when the checkout has none (no lab command runs)
     */
    public String token() {
        Path file = home.stateDir().resolve(ControlToken.FILE);
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new NothingRuns("No control token in " + file + ": is a lab command running in this checkout?");
        }
    }
}
