package io.switchboard.deploy.k8s;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CloudNativePG publishes no Java model, so its Cluster is checked against the part of its API reference
 * (postgresql.cnpg.io/v1) the manifests use: every field must be one of these, at this place, with a value of
 * the right kind. A field added to the manifests must be added here, after looking it up in the reference.
 */
final class CloudNativePgShape {

    /** Path (list elements as []) to the fields allowed there; "*" allows any key with a scalar value. */
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("", Set.of("apiVersion", "kind", "metadata", "spec")),
            Map.entry("/metadata", Set.of("name", "namespace", "labels", "annotations")),
            Map.entry("/metadata/labels", Set.of("*")),
            Map.entry("/spec", Set.of("instances", "imageName", "enableSuperuserAccess", "postgresql", "storage",
                    "resources", "bootstrap", "managed")),
            Map.entry("/spec/postgresql", Set.of("parameters")),
            Map.entry("/spec/postgresql/parameters", Set.of("*")),
            Map.entry("/spec/storage", Set.of("size", "storageClass")),
            Map.entry("/spec/resources", Set.of("requests", "limits")),
            Map.entry("/spec/resources/requests", Set.of("cpu", "memory")),
            Map.entry("/spec/resources/limits", Set.of("cpu", "memory")),
            Map.entry("/spec/bootstrap", Set.of("initdb")),
            Map.entry("/spec/bootstrap/initdb", Set.of("database", "owner", "secret", "postInitApplicationSQL")),
            Map.entry("/spec/bootstrap/initdb/secret", Set.of("name")),
            Map.entry("/spec/managed", Set.of("roles")),
            Map.entry("/spec/managed/roles[]", Set.of("name", "ensure", "login", "superuser", "bypassrls",
                    "createdb", "createrole", "replication", "inherit", "passwordSecret")),
            Map.entry("/spec/managed/roles[]/passwordSecret", Set.of("name")));

    /** Fields whose values are lists (of objects or strings). */
    private static final Set<String> LISTS = Set.of("/spec/managed/roles",
            "/spec/bootstrap/initdb/postInitApplicationSQL");

    private static final Set<String> BOOLEANS = Set.of("/spec/enableSuperuserAccess", "login", "superuser",
            "bypassrls", "createdb", "createrole", "replication", "inherit");

    private CloudNativePgShape() {
    }

    /** What does not fit the reference; empty when everything does. */
    static List<String> problems(JsonNode cluster) {
        List<String> problems = new ArrayList<>();
        if (!"postgresql.cnpg.io/v1".equals(cluster.path("apiVersion").asText())) {
            problems.add("apiVersion is not postgresql.cnpg.io/v1");
        }
        check(cluster, "", "", problems);
        if (!cluster.at("/spec/instances").canConvertToInt()) {
            problems.add("/spec/instances is not a number");
        }
        return problems;
    }

    private static void check(JsonNode node, String path, String shapePath, List<String> problems) {
        Set<String> allowed = FIELDS.get(shapePath);
        if (allowed == null) {
            problems.add(path + ": no shape known for this place");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "/" + field.getKey();
            String fieldShape = shapePath + "/" + field.getKey();
            JsonNode value = field.getValue();
            if (allowed.contains("*")) {
                if (value.isContainerNode()) {
                    problems.add(fieldPath + ": expected a scalar");
                }
                continue;
            }
            if (!allowed.contains(field.getKey())) {
                problems.add(fieldPath + ": unknown field");
                continue;
            }
            if ((BOOLEANS.contains(fieldShape) || BOOLEANS.contains(field.getKey()) && fieldShape.contains("roles"))
                    && !value.isBoolean()) {
                problems.add(fieldPath + ": expected true or false");
            }
            if (LISTS.contains(fieldShape)) {
                if (!value.isArray()) {
                    problems.add(fieldPath + ": expected a list");
                    continue;
                }
                int index = 0;
                for (JsonNode element : value) {
                    if (element.isObject()) {
                        check(element, fieldPath + "/" + index, fieldShape + "[]", problems);
                    } else if (!element.isTextual()) {
                        problems.add(fieldPath + "/" + index + ": expected text");
                    }
                    index++;
                }
            } else if (value.isObject()) {
                check(value, fieldPath, fieldShape, problems);
            } else if (value.isArray()) {
                problems.add(fieldPath + ": a list is not expected here");
            }
        }
    }
}
