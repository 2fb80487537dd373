package io.switchboard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every rendered object against a schema: Kubernetes' own kinds and Strimzi's custom resources by loading them
 * into their typed models (fabric8, io.strimzi:api) and finding any field the model does not know;
 * CloudNativePG's Cluster by {@link CloudNativePgShape}. A kind with no check fails the test.
 */
class ManifestSchemaTest {

    private static final String CNPG_CLUSTER = "postgresql.cnpg.io/v1/Cluster";

    @Test
    void everyRenderedObjectFitsItsSchema() throws ReflectiveOperationException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<ObjectNode>> rendering : Renderings.all().entrySet()) {
            for (ObjectNode object : rendering.getValue()) {
                String where = rendering.getKey() + ": " + TypedModels.typeKey(object) + " "
                        + KustomizeRenderer.name(object);
                List<String> found = CNPG_CLUSTER.equals(TypedModels.typeKey(object))
                        ? CloudNativePgShape.problems(object)
                        : TypedModels.TYPES.containsKey(TypedModels.typeKey(object))
                                ? TypedModels.unknownFields(object)
                                : List.of("no schema check for this kind");
                found.forEach(problem -> problems.add(where + ": " + problem));
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspeltFieldIsFound() throws ReflectiveOperationException {
        ObjectNode deployment = Renderings.named(Renderings.all().get("prod"), "Deployment", "chat-service")
                .deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).putObject("readinessprobe");
        ObjectNode user = Renderings.named(Renderings.all().get("prod"), "KafkaUser", "switchboard-gateway")
                .deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0")).put("operation", "Read").put("operatoins", "Read");
        ObjectNode cluster = Renderings.named(Renderings.all().get("prod"), "Cluster", "switchboard-db").deepCopy();
        ((ObjectNode) cluster.at("/spec/managed/roles/1")).put("bypassRLS", false);

        assertThat(TypedModels.unknownFields(deployment))
                .containsExactly("/spec/template/spec/containers/0/readinessprobe");
        assertThat(TypedModels.unknownFields(user)).containsExactly("/spec/authorization/acls/0/operatoins");
        assertThat(CloudNativePgShape.problems(cluster))
                .containsExactly("/spec/managed/roles/1/bypassRLS: unknown field");
    }
}
