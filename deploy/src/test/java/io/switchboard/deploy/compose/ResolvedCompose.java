package io.switchboard.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker-compose.yml as compose itself resolves it (anchors merged, variables interpolated from .env.example,
 * short syntax normalised), read once per test JVM.
 */
final class ResolvedCompose {

    private static ResolvedCompose instance;

    private final JsonNode root;

    private ResolvedCompose(JsonNode root) {
        this.root = root;
    }

    /** One mount of a service: a named volume when {@code namedVolume} is true, a bind mount otherwise. */
    record Mount(String source, String target, boolean namedVolume) {
    }

    static synchronized ResolvedCompose get() {
        if (instance == null) {
            instance = of(ComposeCli.config(EnvFiles.example()));
        }
        return instance;
    }

    static ResolvedCompose of(ComposeCli.Result result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("docker-compose config failed: " + result.stderr());
        }
        try {
            return new ResolvedCompose(new YAMLMapper().readTree(result.stdout()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> services() {
        return names(root.path("services"));
    }

    Set<String> namedVolumes() {
        return names(root.path("volumes"));
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The services built from a module of this repository, by service name: build argument MODULE. */
    Map<String, String> moduleServices() {
        Map<String, String> modules = new TreeMap<>();
        for (String name : services()) {
            JsonNode module = service(name).path("build").path("args").path("MODULE");
            if (!module.isMissingNode()) {
                modules.put(name, module.asText());
            }
        }
        return modules;
    }

    Map<String, String> environment(String service) {
        Map<String, String> env = new TreeMap<>();
        JsonNode node = service(service).path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                String[] parts = entry.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        } else {
            node.fields().forEachRemaining(field -> env.put(field.getKey(), field.getValue().asText()));
        }
        return env;
    }

    /** The services this one depends on, each with the condition it waits for. */
    Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new TreeMap<>();
        JsonNode node = service(service).path("depends_on");
        if (node.isArray()) {
            node.forEach(name -> conditions.put(name.asText(), "service_started"));
        } else {
            node.fields().forEachRemaining(field -> conditions.put(field.getKey(),
                    field.getValue().path("condition").asText("service_started")));
        }
        return conditions;
    }

    /** Services others wait to complete successfully: one-shot jobs rather than long-running containers. */
    Set<String> oneShotJobs() {
        Set<String> jobs = new TreeSet<>();
        for (String name : services()) {
            dependsOn(name).forEach((target, condition) -> {
                if (condition.equals("service_completed_successfully")) {
                    jobs.add(target);
                }
            });
        }
        return jobs;
    }

    Optional<String> restartPolicy(String service) {
        JsonNode restart = service(service).path("restart");
        return restart.isMissingNode() ? Optional.empty() : Optional.of(restart.asText());
    }

    List<Mount> mounts(String service) {
        Set<String> named = namedVolumes();
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            String source;
            String target;
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
            } else {
                source = volume.path("source").asText();
                target = volume.path("target").asText();
            }
            mounts.add(new Mount(source, target, named.contains(source)));
        }
        return mounts;
    }

    List<String> stringList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Iterator<String> fields = node.fieldNames();
        fields.forEachRemaining(names::add);
        return names;
    }
}
