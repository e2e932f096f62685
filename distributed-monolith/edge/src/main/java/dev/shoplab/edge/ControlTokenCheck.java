package dev.shoplab.edge;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a call to {@code /admin} carries the lab's control token: {@code Authorization: Bearer <token>}
 * (RFC 6750), the token being {@code shoplab.control-token}, which the lab hands every service it starts in the
 * environment variable {@code SHOPLAB_CONTROL_TOKEN} (docs/adr/0012-control-token.md). A service started
 * without one answers no admin call at all: loopback binding keeps out other machines, not other users of this
 * one nor a web page's request to localhost.
 */
@ApplicationScoped
public class ControlTokenCheck {

    /** The {@code WWW-Authenticate} challenge sent with every 401 (RFC 6750 §3). */
    public static final String CHALLENGE = "Bearer realm=\"shoplab\"";

    private static final String WHERE = "the lab keeps it in .shoplab/control-token of the checkout that started"
            + " this service";

    private final Optional<byte[]> expected;

    ControlTokenCheck(@ConfigProperty(name = "shoplab.control-token") Optional<String> token) {
        this.expected = token.filter(t -> !t.isBlank()).map(t -> ("Bearer " + t.trim()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Why a call with this {@code Authorization} header value (null when absent) is refused, or {@code null}
     * when it carries the token. The comparison takes the same time wherever two tokens differ.
     */
    public String whyRefused(String authorization) {
        if (expected.isEmpty()) {
            return "this service was started without a control token, so its admin API answers nobody: start it"
                    + " with SHOPLAB_CONTROL_TOKEN set, as ./shoplab does";
        }
        if (authorization == null || authorization.isBlank()) {
            return "send the control token as 'Authorization: Bearer <token>'; " + WHERE;
        }
        if (!MessageDigest.isEqual(expected.get(), withSchemeAsWritten(authorization).getBytes(StandardCharsets.UTF_8))) {
            return "the Authorization header does not carry this lab's control token; " + WHERE;
        }
        return null;
    }

    /** {@code bearer <token>} as {@code Bearer <token>}: the scheme is case-insensitive (RFC 9110 §11.1), the token is not. */
    static String withSchemeAsWritten(String authorization) {
        String presented = authorization.trim();
        return presented.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + presented.substring(7) : presented;
    }
}
