package dev.shoplab.mesh.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Holds the policies in force: the YAML files of the policy directory plus admin overrides. A reload or
 * an override that fails validation leaves the policies in force unchanged, as Istio rejects bad config.
 */
public final class PolicyStore {

    private static final System.Logger LOG = System.getLogger(PolicyStore.class.getName());

    private final Path directory;
    private List<IstioResource> fileResources = List.of();
    private final Map<String, List<IstioResource>> overrides = new LinkedHashMap<>();
    private volatile PolicySet current = PolicySet.empty();
    private volatile List<String> files = List.of();

    /** A store reading the given directory (null: no files, Istio's defaults until an admin upload). */
    public PolicyStore(Path directory) {
        this.directory = directory;
    }

    /** The policy directory, or null. */
    public Path directory() {
        return directory;
    }

    /** The policy in force for a host. */
    public HostPolicy policy(String host) {
        return current.policy(host);
    }

    /** The policy files read by the last successful reload. */
    public List<String> files() {
        return files;
    }

    /** Re-reads every {@code *.yaml} / {@code *.yml} file of the directory; throws and keeps the old policies on error. */
    public synchronized void reload() {
        if (directory == null) {
            return;
        }
        List<IstioResource> resources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> yamlFiles = yamlFiles(directory);
        for (Path file : yamlFiles) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PolicyException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
            }
            resources.addAll(IstioResource.read(file.getFileName().toString(), text, skipped));
        }
        PolicySet compiled = PolicySet.compile(resources, overrides);
        skipped.forEach(s -> LOG.log(System.Logger.Level.DEBUG, s));
        fileResources = resources;
        files = yamlFiles.stream().map(p -> p.getFileName().toString()).toList();
        current = compiled;
    }

    /**
     * Replaces, for one host, the VirtualService and/or DestinationRule given in a YAML text (an admin
     * upload). Every resource in it must be about that host.
     */
    public synchronized HostPolicy override(String host, String yaml, String sourceName) {
        List<IstioResource> resources = IstioResource.read(sourceName, yaml, new ArrayList<>());
        if (resources.isEmpty()) {
            throw new PolicyException(sourceName + ": no VirtualService or DestinationRule in the body");
        }
        Map<String, List<IstioResource>> next = new LinkedHashMap<>(overrides);
        next.put(host, resources);
        PolicySet probe = PolicySet.compile(resources, Map.of());
        if (!probe.hosts().contains(host) || probe.hosts().size() != 1) {
            throw new PolicyException(sourceName + ": every resource must be about host " + host + ", found " + probe.hosts());
        }
        PolicySet compiled = PolicySet.compile(fileResources, next);
        overrides.clear();
        overrides.putAll(next);
        current = compiled;
        return current.policy(host);
    }

    /** Drops the admin override of a host; returns whether there was one. */
    public synchronized boolean clearOverride(String host) {
        if (overrides.remove(host) == null) {
            return false;
        }
        current = PolicySet.compile(fileResources, overrides);
        return true;
    }

    /** Whether a host has an admin override. */
    public synchronized boolean overridden(String host) {
        return overrides.containsKey(host);
    }

    /** A fingerprint of the directory (names, sizes, modification times) that changes when a file does. */
    public String fingerprint() {
        if (directory == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : yamlFiles(directory)) {
            try {
                sb.append(p.getFileName()).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append(';');
            } catch (IOException e) {
                sb.append(p.getFileName()).append(":gone;");
            }
        }
        return sb.toString();
    }

    private static List<Path> yamlFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PolicyException(directory + ": policy directory does not exist");
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new PolicyException(directory + ": cannot list: " + e.getMessage(), e);
        }
    }
}
