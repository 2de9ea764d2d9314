package io.tierserve.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under {@code deploy/k8s}, read as kustomize reads them (each
 * kustomization's resources, overlays on top of bases) into fabric8's typed model: a misspelt field
 * (which the model would keep as an "additional property") or a wrong type fails here, and so do
 * dangling references between the objects.
 */
class KubernetesManifestsTests {

    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    @Test
    void theBaseRunsThePlatformPolicyServiceAndAScalingCpuPoolWithProbesAndRequests() throws Exception {
        List<HasMetadata> objects = render(K8S.resolve("base"));

        assertThat(names(objects, Deployment.class))
                .containsExactlyInAnyOrder("platform-api", "policy-service", "cpu-workers");
        Container platform = container(objects, "platform-api");
        assertThat(platform.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(platform.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(platform.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("TIERSERVE_INFERENCE_IN_PROCESS");
            assertThat(env.getValue()).isEqualTo("false");
        });
        Container worker = container(objects, "cpu-workers");
        assertThat(worker.getArgs()).containsSequence("--device-class", "cpu");
        assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        // the platform (no in-process worker) is ready only once a worker registered: workers reach
        // it through a Service that also routes to pods not ready yet
        workersReachNotReadyPlatforms(objects, worker);
        for (Deployment deployment : of(objects, Deployment.class)) {
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getResources().getRequests())
                    .as(deployment.getMetadata().getName())
                    .containsKeys("cpu", "memory");
        }
        consistent(objects);
    }

    @Test
    void theGpuOverlayAddsAGpuPoolWithOneNvidiaGpuPerPodAndItsAutoscaler() throws Exception {
        List<HasMetadata> objects = render(K8S.resolve("overlays").resolve("gpu"));

        Container gpu = container(objects, "gpu-workers");
        assertThat(gpu.getArgs()).containsSequence("--device-class", "gpu");
        workersReachNotReadyPlatforms(objects, gpu);
        assertThat(gpu.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(names(objects, HorizontalPodAutoscaler.class))
                .containsExactlyInAnyOrder("cpu-workers", "gpu-workers");
        assertThat(names(objects, Deployment.class)).contains("platform-api", "cpu-workers", "gpu-workers");
        consistent(objects);
    }

    private static void workersReachNotReadyPlatforms(List<HasMetadata> objects, Container worker) {
        List<String> args = worker.getArgs();
        String controlPlane = args.get(args.indexOf("--control-plane") + 1);
        Service service = of(objects, Service.class).stream()
                .filter(s -> controlPlane.startsWith("http://" + s.getMetadata().getName() + ":"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Service for the control plane " + controlPlane));
        assertThat(service.getSpec().getPublishNotReadyAddresses())
                .as(service.getMetadata().getName())
                .isTrue();
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", "platform-api");
    }

    // every HPA scales a Deployment that exists; every Service selects the pods of a Deployment
    private static void consistent(List<HasMetadata> objects) {
        List<String> deployments = names(objects, Deployment.class);
        for (HorizontalPodAutoscaler hpa : of(objects, HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(deployments).contains(hpa.getSpec().getScaleTargetRef().getName());
            assertThat(hpa.getSpec().getMinReplicas())
                    .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        }
        for (Service service : of(objects, Service.class)) {
            assertThat(of(objects, Deployment.class))
                    .as("pods selected by service " + service.getMetadata().getName())
                    .anySatisfy(deployment -> assertThat(deployment
                                    .getSpec()
                                    .getTemplate()
                                    .getMetadata()
                                    .getLabels())
                            .containsAllEntriesOf(service.getSpec().getSelector()));
        }
        for (Deployment deployment : of(objects, Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    /** The objects a kustomization lists, its bases' first. */
    private static List<HasMetadata> render(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            assertThat(path).as("resource of " + dir).exists();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(read(path));
            }
        }
        return objects;
    }

    private static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile())) {
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                String kind = document.path("apiVersion").asText() + "/"
                        + document.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                assertThat(type).as(file + ": a known kind, not " + kind).isNotNull();
                HasMetadata object = YAML.treeToValue(document, type);
                assertThat(unknownFields(
                                object, kind + " " + object.getMetadata().getName()))
                        .as(file + ": fields the Kubernetes model does not have")
                        .isEmpty();
                objects.add(object);
            }
        }
        return objects;
    }

    // the model keeps what it does not know in additionalProperties: a typo lands there
    private static List<String> unknownFields(Object value, String path) {
        List<String> unknown = new ArrayList<>();
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8")) {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    unknown.addAll(unknownFields(list.get(i), path + "[" + i + "]"));
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((key, item) -> unknown.addAll(unknownFields(item, path + "." + key)));
            }
            return unknown;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object got;
            try {
                got = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (got instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                unknown.addAll(unknownFields(got, path + "." + getter.getName().substring(3)));
            }
        }
        return unknown;
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> names(List<HasMetadata> objects, Class<? extends HasMetadata> type) {
        return of(objects, type).stream().map(o -> o.getMetadata().getName()).toList();
    }

    private static Container container(List<HasMetadata> objects, String deployment) {
        return of(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(deployment))
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }
}
