package dev.shoplab.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** The schema check itself, on objects written for the test: each kind of mistake is named with its file and field. */
class SchemasTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void names_a_misspelled_field_of_an_istio_policy_with_its_file_and_path() throws Exception {
        JsonNode policy = yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: payment-service}
                spec:
                  hosts: [payment-service]
                  http:
                    - route: [{destination: {host: payment-service}}]
                      retries: {atempts: 3, perTryTimeout: 5s}
                """);

        assertThat(Schemas.problems("infra/k8s/istio/payment-service.yaml", policy)).containsExactly(
                "infra/k8s/istio/payment-service.yaml: networking.istio.io/v1 VirtualService payment-service: "
                        + "spec.http[0].retries.atempts: unknown field 'atempts'");
    }

    @Test
    void names_unknown_fields_of_kubernetes_and_strimzi_objects() throws Exception {
        JsonNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: monolith}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: monolith}}
                  template:
                    metadata: {labels: {app: monolith}}
                    spec:
                      containers:
                        - name: monolith
                          image: shop
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}, periodSecond: 5}
                """);
        JsonNode topic = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: orders-v1}
                spec: {topicName: orders.v1, partitions: 4, replica: 1}
                """);

        assertThat(Schemas.problems("d.yaml", deployment)).containsExactly("d.yaml: apps/v1 Deployment monolith: "
                + "spec.template.spec.containers[0].readinessProbe.periodSecond: unknown field 'periodSecond'");
        assertThat(Schemas.problems("t.yaml", topic)).containsExactly(
                "t.yaml: kafka.strimzi.io/v1 KafkaTopic orders-v1: spec.replica: unknown field 'replica'");
    }

    @Test
    void names_a_value_of_the_wrong_type_and_a_kind_it_has_no_schema_for() throws Exception {
        JsonNode wrongType = yaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: postgres}
                spec: {replicas: two}
                """);
        JsonNode unknownKind = yaml("""
                apiVersion: networking.istio.io/v1beta
                kind: VirtualService
                metadata: {name: x}
                """);

        assertThat(Schemas.problems("s.yaml", wrongType)).singleElement().asString()
                .startsWith("s.yaml: apps/v1 StatefulSet postgres: spec.replicas: ");
        assertThat(Schemas.problems("v.yaml", unknownKind)).singleElement().asString()
                .contains("no schema for 'networking.istio.io/v1beta VirtualService'");
    }

    @Test
    void accepts_free_form_maps_and_the_representations_kubernetes_allows() throws Exception {
        JsonNode service = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: psp-simulator, labels: {any.label/at-all: "yes"}}
                spec:
                  selector: {app.kubernetes.io/name: simulators}
                  ports: [{name: http, port: 80, targetPort: http-psp}]
                """);
        JsonNode kafka = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: shoplab}
                spec:
                  kafka:
                    version: 4.1.1
                    listeners: [{name: plain, port: 9092, type: internal, tls: false}]
                    config: {offsets.topic.replication.factor: 1, anything.a.broker.reads: x}
                """);

        assertThat(Schemas.problems("s.yaml", service)).isEmpty();
        assertThat(Schemas.problems("k.yaml", kafka)).isEmpty();
    }
}
