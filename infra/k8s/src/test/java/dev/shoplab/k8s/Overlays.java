package dev.shoplab.k8s;

import dev.shoplab.k8s.Kustomize.Rendered;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architecture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The overlays of {@code infra/k8s/overlays}, one per architecture and named after it, each rendered once per test
 * JVM. Where neither kustomize nor kubectl is installed the tests that render are skipped with the reason, as the
 * containers provider's are without Docker — except on CI ({@code CI=true}), where that is a failure.
 */
final class Overlays {

    private static final Map<String, List<Rendered>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    /** The overlay of an architecture, relative to the checkout. */
    static String of(Architecture architecture) {
        return "infra/k8s/overlays/" + architecture.name();
    }

    /** Every object the overlay of {@code architecture} renders, with its file. */
    static List<Rendered> render(Architecture architecture) {
        return render(of(architecture));
    }

    /** Every object {@code kustomization} renders, with its file (rendered once per test JVM). */
    static List<Rendered> render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> renderer().render(k));
    }

    static Kustomize renderer() {
        var renderer = Kustomize.onPath(LabHome.locate().root());
        if (renderer.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(Kustomize.missing());
            }
            Assumptions.abort(Kustomize.missing());
        }
        return renderer.get();
    }
}
