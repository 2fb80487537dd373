package io.switchboard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The renderer does what kustomize does for the subset the manifests use (checked on a fixture), and the base
 * and every overlay render. The renderings are written to target/k8s-rendered for comparing with
 * {@code kubectl kustomize} by hand where kubectl exists.
 */
class KustomizeRendererTest {

    @Test
    void rendersTheFixtureAsKustomizeDoes() throws URISyntaxException {
        List<ObjectNode> objects = KustomizeRenderer.render(fixture("overlay"));

        assertThat(objects).extracting(o -> o.path("kind").asText() + "/" + KustomizeRenderer.name(o))
                .containsExactly("Deployment/app", "KafkaTopic/topic-a", "KafkaTopic/topic-b", "ConfigMap/settings");
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.at("/metadata/namespace").asText()).isEqualTo("fixture");
            assertThat(o.at("/metadata/labels/team").asText()).isEqualTo("switchboard");
        });
        JsonNode deployment = objects.get(0);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/app:1.1");
        assertThat(deployment.at("/spec/template/spec/initContainers/0/image").asText())
                .isEqualTo("registry.example.com/app:1.1");
        assertThat(deployment.at("/spec/template/spec/containers/1/image").asText())
                .isEqualTo("registry.local:5000/example/sidecar:2.1");
        assertThat(deployment.at("/spec/template/metadata/labels").isMissingNode()).isTrue();
        assertThat(objects.subList(1, 3)).allSatisfy(t -> assertThat(t.at("/spec/partitions").asInt()).isEqualTo(12));
        assertThat(objects.get(3).get("data")).isEqualTo(KustomizeRenderer.YAML.valueToTree(
                Map.of("HOST", "b.example.com", "PORT", "443")));
    }

    @Test
    void refusesWhatItDoesNotImplement() throws URISyntaxException {
        Path unsupported = fixture("unsupported");

        assertThatThrownBy(() -> KustomizeRenderer.render(unsupported))
                .hasMessageContaining("namePrefix is outside the supported subset");
    }

    @Test
    void aPatchThatNoLongerFitsFails() {
        ObjectNode configMap = (ObjectNode) KustomizeRenderer.YAML.valueToTree(Map.of("data", Map.of("A", "1")));

        assertThatThrownBy(() -> JsonPatch.apply(configMap, KustomizeRenderer.YAML.valueToTree(
                List.of(Map.of("op", "replace", "path", "/data/B", "value", "2")))))
                .hasMessageContaining("No /data/B");
        assertThatThrownBy(() -> JsonPatch.apply(configMap, KustomizeRenderer.YAML.valueToTree(
                List.of(Map.of("op", "test", "path", "/data/A", "value", "2")))))
                .hasMessageContaining("test failed");
    }

    @Test
    void everyOverlayRenders() throws IOException {
        Map<String, List<ObjectNode>> renderings = Renderings.all();

        assertThat(renderings).containsKeys("base", "dev", "prod");
        Path out = Path.of("target/k8s-rendered");
        Files.createDirectories(out);
        YAMLMapper writer = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        for (Map.Entry<String, List<ObjectNode>> rendering : renderings.entrySet()) {
            assertThat(rendering.getValue()).as(rendering.getKey()).isNotEmpty();
            StringBuilder text = new StringBuilder();
            for (ObjectNode object : rendering.getValue()) {
                text.append("---\n").append(writer.writeValueAsString(object));
            }
            Files.writeString(out.resolve(rendering.getKey() + ".yaml"), text);
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(KustomizeRendererTest.class.getResource("/k8s/fixture/" + name + "/kustomization.yaml")
                .toURI()).getParent();
    }
}
