package dev.shoplab.eventdriven.messaging;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a service consumes: the topics it subscribes to and, per event type, the action that applies it.
 * Events of other (known) types on those topics are none of its business and are skipped.
 */
public final class EventRoutes {

    private final Set<String> topics = new LinkedHashSet<>();
    private final Map<String, BiConsumer<IncomingEvent, Object>> actions = new LinkedHashMap<>();

    private EventRoutes() {
    }

    /** Routes of a service that subscribes to {@code topics}. */
    public static EventRoutes subscribe(String... topics) {
        EventRoutes routes = new EventRoutes();
        routes.topics.addAll(List.of(topics));
        return routes;
    }

    /** Applies events of {@code type} with {@code action}, their payload read as {@code payloadType}. */
    public <T> EventRoutes on(String type, Class<T> payloadType, BiConsumer<IncomingEvent, T> action) {
        actions.put(type, (event, ignored) -> action.accept(event, event.payload(payloadType)));
        return this;
    }

    /** Applies events of {@code type} with {@code action}, which needs only the envelope (orderId, trace). */
    public EventRoutes on(String type, Consumer<IncomingEvent> action) {
        actions.put(type, (event, ignored) -> action.accept(event));
        return this;
    }

    public Set<String> topics() {
        return Set.copyOf(topics);
    }

    /** True if this service acts on events of {@code type}. */
    public boolean handles(String type) {
        return actions.containsKey(type);
    }

    /** Applies one event (inside the caller's transaction). */
    public void dispatch(IncomingEvent event) {
        BiConsumer<IncomingEvent, Object> action = actions.get(event.type());
        if (action == null) {
            throw new IllegalArgumentException("no route for " + event.type());
        }
        action.accept(event, null);
    }
}
