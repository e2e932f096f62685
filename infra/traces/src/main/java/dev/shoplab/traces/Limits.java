package dev.shoplab.traces;

/**
 * What bounds a {@link TraceReceiver}'s memory. Beyond a limit the oldest goes first: the trace first seen longest
 * ago, or within a trace the span received first (a trace's root usually arrives last: it ends last), and
 * {@link TraceReceiver#stats()} counts what went.
 *
 * @param maxTraces         traces held at most, 1 or more
 * @param maxSpansPerTrace  spans held of one trace at most, 1 or more (a retry storm's trace is the longest)
 * @param maxSpans          spans held in all at most, at least {@code maxSpansPerTrace}
 * @param maxAttributeChars characters kept of an attribute's value, 16 or more; longer values are cut and end with
 *                          {@code …}
 */
public record Limits(int maxTraces, int maxSpansPerTrace, int maxSpans, int maxAttributeChars) {

    /**
     * The defaults: 1000 traces, 500 spans per trace, 50 000 spans in all, 512 characters per value — at most a few
     * tens of MB; the demo's three architectures at 5 orders/s each fill it in about a minute.
     */
    public static final Limits DEFAULT = new Limits(1000, 500, 50_000, 512);

    public Limits {
        if (maxTraces < 1 || maxSpansPerTrace < 1 || maxAttributeChars < 16) {
            throw new IllegalArgumentException("limits must be at least 1 trace, 1 span per trace and 16 characters"
                    + " per value, not " + maxTraces + ", " + maxSpansPerTrace + ", " + maxAttributeChars);
        }
        if (maxSpans < maxSpansPerTrace) {
            throw new IllegalArgumentException("maxSpans (" + maxSpans + ") must be at least maxSpansPerTrace ("
                    + maxSpansPerTrace + ")");
        }
    }
}
