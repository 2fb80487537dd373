package io.switchboard.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.deploy.Checkout;

/** The base and every overlay under deploy/k8s, rendered once per test JVM. */
final class Renderings {

    private static Map<String, List<ObjectNode>> all;

    private Renderings() {
    }

    /** The checkout's root: the directory holding deploy/k8s, wherever the tests run from. */
    static Path repositoryRoot() {
        return Checkout.root();
    }

    static Path k8s() {
        return repositoryRoot().resolve("deploy/k8s");
    }

    /** "base", "dev", "prod" (every directory under overlays/) to the objects each renders to. */
    static synchronized Map<String, List<ObjectNode>> all() {
        if (all == null) {
            Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
            rendered.put("base", KustomizeRenderer.render(k8s().resolve("base")));
            try (Stream<Path> overlays = Files.list(k8s().resolve("overlays"))) {
                overlays.sorted().forEach(o -> rendered.put(o.getFileName().toString(), KustomizeRenderer.render(o)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all = rendered;
        }
        return all;
    }

    static Stream<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).filter(o -> name.equals(KustomizeRenderer.name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }

    /** The pod spec of a workload, or null for objects without one. */
    static JsonNode podSpec(JsonNode object) {
        JsonNode spec = object.path("spec").path("template").path("spec");
        return spec.isMissingNode() ? null : spec;
    }
}
