package dev.shoplab.loadtests.scenario;

/** A scenario file that cannot be used; the message names the file and the field. */
public class ScenarioException extends RuntimeException {

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
