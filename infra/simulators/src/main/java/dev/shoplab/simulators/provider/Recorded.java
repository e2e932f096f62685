package dev.shoplab.simulators.provider;

/** What a ledger recorded for a request: a new entry, or the first one again for a repeated key. */
public record Recorded<T>(T value, boolean replayed) {

    public static <T> Recorded<T> fresh(T value) {
        return new Recorded<>(value, false);
    }

    public static <T> Recorded<T> replay(T value) {
        return new Recorded<>(value, true);
    }
}
