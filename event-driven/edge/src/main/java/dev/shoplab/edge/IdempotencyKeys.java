package dev.shoplab.edge;

import java.util.List;

/**
 * The {@code Idempotency-Key} request header, checked in one place for every architecture: absent means
 * "no key"; present, it must be 1 to {@code maxLength} characters and not blank, because a client that
 * sends an empty key believes it is protected against buying twice (draft-ietf-httpapi-idempotency-key-header).
 */
public final class IdempotencyKeys {

    /** The header's name. */
    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {
    }

    /**
     * The 422 {@code validation} problem for a header that is present but empty or blank, or {@code null} when
     * {@code key} is absent (null) or holds text. {@code EdgeFilters} asks before routing, because the REST layer
     * reads an empty header as no header at all.
     */
    public static Problem blank(String key) {
        return key != null && key.isBlank() ? Problems.validation(List.of(new Problem.FieldError(HEADER,
                "must not be empty or blank: send a key, or no Idempotency-Key header"))) : null;
    }

    /**
     * The 422 {@code validation} problem for a request whose {@code Idempotency-Key} header lines ({@code keys}, in
     * order) are not one usable key: sent more than once (which one would a retry repeat? RFC 9110 §5.3: a field that
     * is not a list is sent once), or present but empty or blank; {@code null} when there is none or one usable key.
     */
    public static Problem unusable(List<String> keys) {
        if (keys.size() > 1) {
            return Problems.validation(List.of(new Problem.FieldError(HEADER, "is sent " + keys.size()
                    + " times: send one key, once")));
        }
        return keys.isEmpty() ? null : blank(keys.get(0));
    }

    /**
     * The key, or null when the header is absent.
     *
     * @throws ProblemException 422 {@code validation} naming {@value #HEADER} when the key is empty, blank,
     *                          longer than {@code maxLength} characters or holds what no text may ({@link PrintableText})
     */
    public static String valid(String key, int maxLength) {
        if (key == null) {
            return null;
        }
        Problem blank = blank(key);
        if (blank != null) {
            throw new ProblemException(blank);
        }
        if (key.length() > maxLength) {
            throw new ProblemException(Problems.validation(List.of(new Problem.FieldError(HEADER,
                    "must be 1 to " + maxLength + " characters, not blank"))));
        }
        String unprintable = PrintableText.Check.whatIsWrong(key);
        if (unprintable != null) {
            throw new ProblemException(Problems.validation(List.of(new Problem.FieldError(HEADER, unprintable))));
        }
        return key;
    }
}
