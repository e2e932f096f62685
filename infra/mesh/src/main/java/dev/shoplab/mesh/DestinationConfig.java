package dev.shoplab.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * One destination host of the mesh: its outbound listener port and its upstream endpoints.
 *
 * @param host       destination host name as the policies name it (e.g. {@code inventory-service})
 * @param listenPort loopback port of its outbound listener (0 = any free port)
 * @param upstreams  endpoints the traffic is balanced over
 */
public record DestinationConfig(String host, int listenPort, List<Upstream> upstreams) {

    /** Keeps an immutable copy of the endpoints and checks there is at least one. */
    public DestinationConfig {
        upstreams = List.copyOf(upstreams);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("destination host is empty");
        }
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("destination " + host + " has no upstream endpoint");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("destination " + host + ": listen port must be 0-65535");
        }
    }

    /** Parses {@code host=listenPort=upstream1,upstream2} (upstreams as {@code host:port}). */
    public static DestinationConfig parse(String text) {
        String[] parts = text.trim().split("=", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("route '" + text + "': expected host=listenPort=upstream1[,upstream2...]");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("route '" + text + "': listen port '" + parts[1] + "' is not a number");
        }
        List<Upstream> upstreams = new ArrayList<>();
        for (String u : parts[2].split(",")) {
            if (!u.isBlank()) {
                upstreams.add(Upstream.parse(u));
            }
        }
        return new DestinationConfig(parts[0].trim(), port, upstreams);
    }
}
