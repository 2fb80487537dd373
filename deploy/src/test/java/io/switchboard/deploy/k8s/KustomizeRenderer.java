package io.switchboard.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset Switchboard's manifests use:
 * {@code resources} (files, and directories with a kustomization of their own), {@code namespace},
 * {@code labels} (metadata only), {@code images}, {@code replicas} and {@code patches} of JSON6902 operations
 * with a {@code target}. Any other field fails the rendering, which keeps the manifests inside this subset (CI
 * has no kustomize). Transformers run in kustomize's order: patches, namespace, labels, replicas, images.
 */
final class KustomizeRenderer {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "replicas", "patches");
    private static final Set<String> SCALED_KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");

    private KustomizeRenderer() {
    }

    /** Every object the kustomization in this directory produces. */
    static List<ObjectNode> render(Path directory) {
        JsonNode kustomization = readKustomization(directory);
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = directory.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(render(resource));
            } else {
                objects.addAll(readObjects(resource));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(directory, patch, objects);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> metadata(o).put("namespace", namespace));
        }
        for (JsonNode label : kustomization.path("labels")) {
            if (label.path("includeSelectors").asBoolean() || label.path("includeTemplates").asBoolean()) {
                throw new IllegalArgumentException("labels with includeSelectors/includeTemplates are not supported");
            }
            Map<String, String> pairs = YAML.convertValue(label.path("pairs"), new TypeReference<>() { });
            objects.forEach(o -> pairs.forEach((key, value) -> labels(o).put(key, value)));
        }
        for (JsonNode replica : kustomization.path("replicas")) {
            String name = replica.path("name").asText();
            List<ObjectNode> matched = objects.stream()
                    .filter(o -> SCALED_KINDS.contains(o.path("kind").asText()) && name.equals(name(o))).toList();
            if (matched.isEmpty()) {
                throw new IllegalStateException("replicas: nothing named " + name + " in " + directory);
            }
            matched.forEach(o -> ((ObjectNode) o.get("spec")).put("replicas", replica.path("count").asInt()));
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(o -> retag(o, image));
        }
        return objects;
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static JsonNode readKustomization(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        try {
            JsonNode kustomization = YAML.readTree(file.toFile());
            Iterator<String> fields = kustomization.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!SUPPORTED.contains(field)) {
                    throw new IllegalArgumentException(file + ": field " + field + " is outside the supported subset");
                }
            }
            return kustomization;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static List<ObjectNode> readObjects(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<ObjectNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object && object.size() > 0) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static void applyPatch(Path directory, JsonNode patch, List<ObjectNode> objects) {
        JsonNode operations;
        try {
            operations = patch.has("path") ? YAML.readTree(directory.resolve(patch.get("path").asText()).toFile())
                    : YAML.readTree(patch.path("patch").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("patch in " + directory, e);
        }
        JsonNode target = patch.get("target");
        if (target == null || !operations.isArray()) {
            throw new IllegalArgumentException(directory + ": only JSON6902 patches with a target are supported");
        }
        List<ObjectNode> matched = objects.stream().filter(o -> matches(target, o)).toList();
        if (matched.isEmpty()) {
            throw new IllegalStateException(directory + ": patch target " + target + " matches nothing");
        }
        matched.forEach(o -> JsonPatch.apply(o, operations));
    }

    /** kustomize's selector: every given field must match, name and kind as anchored regular expressions. */
    private static boolean matches(JsonNode target, ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return matchesField(target, "group", group) && matchesField(target, "version", version)
                && matchesField(target, "kind", object.path("kind").asText())
                && matchesField(target, "name", name(object))
                && matchesField(target, "namespace", object.path("metadata").path("namespace").asText());
    }

    private static boolean matchesField(JsonNode target, String field, String value) {
        return !target.hasNonNull(field) || Pattern.matches(target.get(field).asText(), value);
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }

    private static ObjectNode labels(ObjectNode object) {
        ObjectNode metadata = metadata(object);
        return metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    }

    /** kustomize's image transformer: every container and init container, wherever the pod spec sits. */
    private static void retag(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (("containers".equals(field.getKey()) || "initContainers".equals(field.getKey()))
                        && field.getValue().isArray()) {
                    field.getValue().forEach(container -> retagContainer((ObjectNode) container, image));
                } else {
                    retag(field.getValue(), image);
                }
            });
        } else if (node.isArray()) {
            ((ArrayNode) node).forEach(child -> retag(child, image));
        }
    }

    private static void retagContainer(ObjectNode container, JsonNode image) {
        ImageReference reference = ImageReference.parse(container.path("image").asText());
        if (!reference.name().equals(image.path("name").asText())) {
            return;
        }
        String name = image.hasNonNull("newName") ? image.get("newName").asText() : reference.name();
        String tag = image.hasNonNull("newTag") ? image.get("newTag").asText() : reference.tag();
        String digest = image.hasNonNull("digest") ? image.get("digest").asText() : reference.digest();
        container.put("image", new ImageReference(name, digest == null ? tag : null, digest).toString());
    }
}
