package dev.shoplab.mesh;

/**
 * One upstream endpoint of a destination (what a Kubernetes Endpoints entry would be).
 *
 * @param host host name or IP address
 * @param port TCP port
 */
public record Upstream(String host, int port) {

    /** Parses {@code host:port} or {@code http://host:port}. */
    public static Upstream parse(String text) {
        String t = text.trim();
        if (t.startsWith("http://")) {
            t = t.substring("http://".length());
        }
        if (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("upstream '" + text + "': expected host:port or http://host:port");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("upstream '" + text + "': port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("upstream '" + text + "': port must be 1-65535");
        }
        return new Upstream(t.substring(0, colon), port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
