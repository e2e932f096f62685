package dev.shoplab.mesh.policy;

import java.util.Map;
import java.util.function.Function;

/**
 * One entry of an HTTPRoute's {@code match} list; every condition given must hold.
 *
 * @param uri           condition on the path (query string excluded), or null
 * @param method        condition on the HTTP method, or null
 * @param headers       conditions on request headers (lower-case names)
 * @param ignoreUriCase compare the uri case-insensitively (exact and prefix only)
 */
public record RouteMatch(StringMatch uri, StringMatch method, Map<String, StringMatch> headers, boolean ignoreUriCase) {

    /** Keeps an immutable copy of the header conditions. */
    public RouteMatch {
        headers = Map.copyOf(headers);
    }

    /** Whether a request with this method, path and headers satisfies every condition. */
    public boolean matches(String requestMethod, String path, Function<String, String> header) {
        if (uri != null && !uri.matches(path, ignoreUriCase)) {
            return false;
        }
        if (method != null && !method.matches(requestMethod, false)) {
            return false;
        }
        return headers.entrySet().stream().allMatch(e -> e.getValue().matches(header.apply(e.getKey()), false));
    }
}
