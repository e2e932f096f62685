package dev.shoplab.mesh.policy;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Istio's StringMatch: exact, prefix or (RE2-like, here java.util.regex) full-string regex.
 *
 * @param kind  exact, prefix or regex
 * @param value the text or the pattern
 */
public record StringMatch(Kind kind, String value) {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** How the value is compared. */
    public enum Kind { EXACT, PREFIX, REGEX }

    /** Whether the candidate matches (a missing candidate never matches). */
    public boolean matches(String candidate, boolean ignoreCase) {
        if (candidate == null) {
            return false;
        }
        return switch (kind) {
            case EXACT -> ignoreCase ? candidate.equalsIgnoreCase(value) : candidate.equals(value);
            case PREFIX -> ignoreCase
                    ? candidate.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT))
                    : candidate.startsWith(value);
            case REGEX -> PATTERNS.computeIfAbsent(value, Pattern::compile).matcher(candidate).matches();
        };
    }
}
