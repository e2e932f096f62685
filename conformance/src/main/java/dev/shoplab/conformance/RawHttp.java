package dev.shoplab.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends bytes no HTTP client library would send — a malformed request line, two {@code Host} headers, a
 * {@code Content-Length} next to {@code Transfer-Encoding} — over a plain socket, and reads one answer. The
 * shop's edge must answer them as any other request, so the suite sends them as a hostile client would.
 */
final class RawHttp {

    /** How long a test waits for an answer, or for the shop to close the connection after one. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private RawHttp() {
    }

    /**
     * One answer to {@code request} (sent as ISO-8859-1 bytes, so {@code \r\n} and any octet are sent as written),
     * and whether the shop closed the connection after it.
     *
     * @param answer status 0 and an empty body when the shop closed the connection without answering
     * @param closed the connection was closed by the shop within {@link #BOUND} after the answer
     */
    record Exchange(Answer answer, boolean closed) {
    }

    /**
     * One answer to {@code request}, read as far as its {@code Content-Length}; the connection's fate after it is
     * not waited for (a kept-alive connection would cost a whole {@link #BOUND} per request).
     */
    static Answer answer(String baseUrl, String request) {
        return exchange(baseUrl, request, false).answer();
    }

    /** One answer to {@code request}, and whether the shop closed the connection within {@link #BOUND} after it. */
    static Exchange exchange(String baseUrl, String request) {
        return exchange(baseUrl, request, true);
    }

    private static Exchange exchange(String baseUrl, String request, boolean awaitClose) {
        URI uri = URI.create(baseUrl);
        String what = request.lines().findFirst().orElse("").replaceAll("(.{80}).+", "$1…");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) BOUND.toMillis());
            socket.setSoTimeout((int) BOUND.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return new Exchange(new Answer(what, 0, "", Optional.empty(), false, Optional.empty(), Optional.empty(),
                        ""), true);
            }
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            boolean closed = awaitClose && closedAfterAnswer(in);
            return new Exchange(new Answer(what, status, headers.getOrDefault("content-type", ""),
                    Optional.ofNullable(headers.get("location")), false, Optional.ofNullable(headers.get("allow")),
                    Optional.ofNullable(headers.get("www-authenticate")), new String(body, StandardCharsets.UTF_8)), closed);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " at " + baseUrl + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether the shop closes the connection within {@link #BOUND}: an end of stream or a reset, not a byte more. */
    private static boolean closedAfterAnswer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The status line and headers, up to the blank line; null when the connection ends first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }
}
