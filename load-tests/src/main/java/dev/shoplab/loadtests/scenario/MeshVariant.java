package dev.shoplab.loadtests.scenario;

/**
 * One more run of a scenario on an architecture with a service mesh (the distributed monolith), with the mesh's
 * policy changed through its admin API after the architecture started: the shipped policy's runs and the variant's
 * are reported side by side. Only the outlier detection of every destination changes; routes, retries and the
 * connection pool stay as shipped.
 *
 * @param name                 the variant's name in reports and run folders, for example {@code outlier-detection-off}
 * @param description          what it changes, in a sentence
 * @param outlierDetection     {@code false}: no outlier detection on any hop (nothing is ejected); null: as shipped
 * @param consecutive5xxErrors a different ejection threshold (5xx answers in a row) on every hop; null: as shipped
 */
public record MeshVariant(String name, String description, Boolean outlierDetection, Integer consecutive5xxErrors) {

    /** One line for the console and the report. */
    public String describe() {
        return name + " (" + description + ")";
    }
}
