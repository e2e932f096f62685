package dev.shoplab.eventdriven.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a producer's payload record with the event it is: its type name, schema version and topic.
 * The outbox reads it, so a producer cannot publish a payload under the wrong name or topic.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The {@code type} of the envelope, for example {@code OrderPlaced}. */
    String name();

    /** The schema version; a breaking change is a new version (and a new schema file), never an edit. */
    int version() default 1;

    /** The topic the event is published to. */
    String topic();
}
