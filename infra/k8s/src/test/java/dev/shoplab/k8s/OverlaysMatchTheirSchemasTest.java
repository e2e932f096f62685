package dev.shoplab.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.k8s.Kustomize.Rendered;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay renders offline ({@code kubectl kustomize}, no cluster), and every object it renders matches its
 * schema with no unknown field: the objects a deployment would hand a cluster are what the cluster's API (and
 * Istio's and Strimzi's) accepts.
 */
class OverlaysMatchTheirSchemasTest {

    static Stream<Architecture> architectures() {
        return Architectures.all().stream();
    }

    @Test
    void there_is_an_overlay_for_every_architecture_and_none_for_another() throws Exception {
        List<String> folders;
        try (Stream<java.nio.file.Path> dirs = Files.list(dev.shoplab.lab.LabHome.locate().artifact("infra/k8s/overlays"))) {
            folders = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertThat(folders).containsExactlyInAnyOrderElementsOf(architectures().map(Architecture::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void every_object_of_the_overlay_matches_its_schema(Architecture architecture) {
        List<Rendered> objects = Overlays.render(architecture);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(Schemas.problems(o.file(), o.object())));

        assertThat(objects).as("objects rendered from %s", Overlays.of(architecture)).isNotEmpty();
        assertThat(problems).as("objects of %s that do not match their schema", Overlays.of(architecture)).isEmpty();
    }
}
