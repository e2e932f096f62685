package dev.shoplab.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.k8s.Kustomize.Rendered;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.architecture.ServiceSpec;
import dev.shoplab.lab.simulators.ProviderSimulators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The {@code images} profile of the parent pom is complete and builds the images the manifests name. These
 * machines reach no image registry, so the build itself is not run here: this reads the profile's Jib configuration
 * and the modules' poms, and checks every image reference of every overlay against what the profile would build.
 */
class ImagesProfileTest {

    private static final Path ROOT = LabHome.locate().root();
    private static final String PROFILE = "/project/profiles/profile[id='images']/build/plugins/plugin[artifactId='jib-maven-plugin']";
    private static final String THIRD_PARTY_POSTGRES = "postgres:18";

    @Test
    void the_profile_puts_quarkus_runnable_app_on_a_standard_jre_image_named_after_the_module() throws Exception {
        Document parent = pom(ROOT.resolve("pom.xml"));

        assertThat(text(parent, PROFILE + "/configuration/skip")).isEqualTo("${shoplab.image.skip}");
        assertThat(text(parent, PROFILE + "/configuration/to/image"))
                .isEqualTo("${shoplab.image.registry}/${project.artifactId}:${project.version}");
        assertThat(text(parent, PROFILE + "/configuration/from/image")).isEqualTo("${shoplab.image.base}");
        assertThat(property(parent, "shoplab.image.base")).as("a standard JRE image").matches("eclipse-temurin:17(\\.[0-9.]+)?-jre");
        assertThat(text(parent, PROFILE + "/configuration/extraDirectories/paths/path/from"))
                .isEqualTo("${project.build.directory}/quarkus-app");
        assertThat(text(parent, PROFILE + "/configuration/extraDirectories/paths/path/into")).isEqualTo("/deployments");
        assertThat(text(parent, PROFILE + "/configuration/container/workingDirectory"))
                .as("pods mount their application.properties at /deployments/config").isEqualTo("/deployments");
        assertThat(text(parent, PROFILE + "/configuration/container/entrypoint"))
                .isEqualTo("java,-jar,/deployments/quarkus-run.jar");
        assertThat(text(parent, PROFILE + "/version")).isEqualTo("${jib-plugin.version}");
        assertThat(property(parent, "jib-plugin.version")).isNotBlank();
        assertThat(property(parent, "shoplab.image.skip")).as("no image unless a module asks").isEqualTo("true");
    }

    @Test
    void exactly_the_services_the_lab_starts_and_the_simulators_build_an_image() throws Exception {
        Map<String, String> expected = expectedImages();
        Map<String, String> building = new TreeMap<>();
        for (Path pom : reactorPoms(ROOT)) {
            if ("false".equals(property(pom(pom), "shoplab.image.skip"))) {
                building.put(ROOT.relativize(pom.getParent()).toString().replace('\\', '/'), "image");
            }
        }

        assertThat(building.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void every_image_the_manifests_run_is_one_the_profile_builds_or_postgresql() throws Exception {
        Map<String, String> byModule = expectedImages();
        List<String> problems = new ArrayList<>();
        for (Architecture a : Architectures.all()) {
            Map<String, String> byWorkload = new LinkedHashMap<>();
            for (ServiceSpec s : a.services()) {
                byWorkload.put(s.role(), byModule.get(s.module()));
            }
            byWorkload.put("simulators", byModule.get(ProviderSimulators.MODULE));
            for (Rendered o : Overlays.render(a)) {
                if (!o.kind().equals("Deployment") && !o.kind().equals("StatefulSet")) {
                    continue;
                }
                for (JsonNode container : o.object().at("/spec/template/spec/containers")) {
                    String image = container.path("image").asText();
                    String wanted = byWorkload.getOrDefault(o.name(), THIRD_PARTY_POSTGRES);
                    if (!image.equals(wanted)) {
                        problems.add(o.file() + ": " + o.kind() + " " + o.name() + " runs " + image + ", but the images "
                                + "profile builds " + wanted);
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    /** Module (relative to the checkout) → the image the profile builds from it. */
    private static Map<String, String> expectedImages() throws Exception {
        Document parent = pom(ROOT.resolve("pom.xml"));
        String registry = property(parent, "shoplab.image.registry");
        String version = text(parent, "/project/version");
        List<String> modules = new ArrayList<>();
        Architectures.all().forEach(a -> a.services().forEach(s -> modules.add(s.module())));
        modules.add(ProviderSimulators.MODULE);
        Map<String, String> images = new TreeMap<>();
        for (String module : modules) {
            String artifactId = text(pom(ROOT.resolve(module).resolve("pom.xml")), "/project/artifactId");
            images.put(module, registry + "/" + artifactId + ":" + version);
        }
        assertThat(images).hasSize(Architectures.all().stream().mapToInt(a -> a.services().size()).sum() + 1);
        return images;
    }

    /** Every pom of the reactor: the parent's modules, and theirs. */
    private static List<Path> reactorPoms(Path dir) throws Exception {
        List<Path> poms = new ArrayList<>();
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return poms;
        }
        poms.add(pom);
        NodeList modules = (NodeList) xpath().evaluate("/project/modules/module", pom(pom), XPathConstants.NODESET);
        for (int i = 0; i < modules.getLength(); i++) {
            poms.addAll(reactorPoms(dir.resolve(modules.item(i).getTextContent().trim())));
        }
        return poms;
    }

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String property(Document pom, String name) throws Exception {
        return text(pom, "/project/properties/" + name);
    }

    private static String text(Document pom, String path) throws Exception {
        return ((String) xpath().evaluate(path, pom, XPathConstants.STRING)).trim();
    }

    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }
}
