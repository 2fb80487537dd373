package io.switchboard.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reading pod templates: containers, their environment, named ports and the Secrets they use. */
final class PodSpecs {

    private PodSpecs() {
    }

    static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> containers = new ArrayList<>();
        podSpec.path("initContainers").forEach(containers::add);
        podSpec.path("containers").forEach(containers::add);
        return containers;
    }

    /** Plain environment values of a container (variables from a Secret or ConfigMap are left out). */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        return env;
    }

    /** The variable's secretKeyRef, or a missing node. */
    static JsonNode secretRef(JsonNode container, String variable) {
        for (JsonNode entry : container.path("env")) {
            if (variable.equals(entry.path("name").asText())) {
                return entry.at("/valueFrom/secretKeyRef");
            }
        }
        return MissingNode.getInstance();
    }

    /** A probe's or a Service's port as a number, named ports looked up in the container. */
    static int port(JsonNode container, JsonNode port) {
        if (port.canConvertToInt() && !port.isTextual()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (port.asText().equals(declared.path("name").asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("No port named " + port.asText() + " in container " + container.path("name"));
    }

    /** Every Secret the pod spec names: environment, envFrom and volumes. */
    static Set<String> secrets(JsonNode podSpec) {
        Set<String> secrets = new TreeSet<>();
        for (JsonNode container : containers(podSpec)) {
            container.path("env").forEach(e -> {
                JsonNode name = e.at("/valueFrom/secretKeyRef/name");
                if (!name.isMissingNode()) {
                    secrets.add(name.asText());
                }
            });
            container.path("envFrom").forEach(e -> {
                if (e.has("secretRef")) {
                    secrets.add(e.at("/secretRef/name").asText());
                }
            });
        }
        podSpec.path("volumes").forEach(v -> {
            if (v.has("secret")) {
                secrets.add(v.at("/secret/secretName").asText());
            }
        });
        return secrets;
    }
}
