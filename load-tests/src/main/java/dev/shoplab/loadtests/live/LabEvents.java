package dev.shoplab.loadtests.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The strip of timed events of a live lab: faults on and off, load changes, scenarios, mesh ejections, processes
 * that died. Keeps the last {@value #KEPT} and tells every listener as they happen. Thread-safe.
 */
public final class LabEvents {

    /** One event: when (epoch ms) and what, in a line for people. */
    public record Event(long epochMs, String text) {
    }

    static final int KEPT = 200;

    private final Deque<Event> kept = new ArrayDeque<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    /** Records an event now and tells the listeners. */
    public void add(String text) {
        Event event = new Event(System.currentTimeMillis(), text);
        synchronized (kept) {
            kept.addLast(event);
            while (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
        listeners.forEach(l -> l.accept(event));
    }

    /** The kept events, oldest first. */
    public List<Event> recent() {
        synchronized (kept) {
            return new ArrayList<>(kept);
        }
    }

    public void listen(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Event> listener) {
        listeners.remove(listener);
    }
}
