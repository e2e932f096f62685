package dev.shoplab.loadtests.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.lab.LabHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a running lab command says where its control API is: one file per command,
 * {@code .shoplab/control/<pid>.json} = {@code {"url":…,"pid":…,"command":…,"architectures":[…]}}, written once it
 * serves and deleted when it stops. A verb in another terminal reads the files whose command is still alive (a
 * file left by a killed command is deleted on sight). It holds no secret: the API asks for the control token.
 *
 * @param url           where the control API and the page answer, {@code http://127.0.0.1:N}
 * @param pid           the lab command's process
 * @param command       how it was called, {@code demo} or {@code up monolith}
 * @param architectures what it runs
 */
public record ControlFile(String url, long pid, String command, List<String> architectures) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The folder under the state folder. */
    static final String FOLDER = "control";

    /** Writes this command's file (atomically); returns its path. */
    public Path publish(LabHome home) {
        Path dir = home.stateDir().resolve(FOLDER);
        Path file = dir.resolve(pid + ".json");
        ObjectNode o = JSON.createObjectNode().put("url", url).put("pid", pid).put("command", command);
        ArrayNode archs = o.putArray("architectures");
        architectures.forEach(archs::add);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, pid + "-", ".tmp");
            Files.writeString(tmp, o.toPrettyString() + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes this command's file. */
    public void withdraw(LabHome home) {
        try {
            Files.deleteIfExists(home.stateDir().resolve(FOLDER).resolve(pid + ".json"));
        } catch (IOException e) {
            // the next reader deletes it on sight: its command is gone
        }
    }

    /** The control APIs of the lab commands that run now. */
    public static List<ControlFile> live(LabHome home) {
        Path dir = home.stateDir().resolve(FOLDER);
        List<ControlFile> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode o = JSON.readTree(file.toFile());
                    long pid = o.path("pid").asLong(-1);
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        List<String> archs = new ArrayList<>();
                        o.path("architectures").forEach(a -> archs.add(a.asText()));
                        found.add(new ControlFile(o.path("url").asText(), pid, o.path("command").asText(), archs));
                    } else {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // half written by a command starting this very moment, or unreadable: not a lab we can drive
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }
}
