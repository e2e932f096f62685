package dev.shoplab.lab;

import java.time.Duration;

/**
 * The admin API of something the lab runs (the simulators' faults and ledgers, an architecture's catalogue, the
 * mesh's policies): its base URL and the {@link ControlToken} it asks for, which every call sends.
 *
 * @param baseUrl for example {@code http://127.0.0.1:41234} (no trailing slash)
 */
public record AdminApi(String baseUrl, ControlToken token) {

    /** GET {@code path}; the body of a 2xx answer, else an exception naming the call and the answer. */
    public String get(String path) {
        return LabHttp.get(token, baseUrl + path);
    }

    /** A call with an optional JSON body; the body of a 2xx answer, else an exception naming the call and the answer. */
    public String send(String method, String path, String json, Duration timeout) {
        return LabHttp.send(token, method, baseUrl + path, json, timeout);
    }

    /** A call with a body of another media type ({@code application/yaml} for the mesh's policies). */
    public String send(String method, String path, String body, String contentType, Duration timeout) {
        return LabHttp.send(token, method, baseUrl + path, body, contentType, timeout);
    }

    @Override
    public String toString() {
        return baseUrl + " (with the " + token + ")";
    }
}
