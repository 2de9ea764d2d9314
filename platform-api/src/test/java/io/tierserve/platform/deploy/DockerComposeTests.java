package io.tierserve.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.cli.PolicyCli;
import io.tierserve.worker.cli.WorkerCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} read as Compose reads it (anchors and merge keys resolved): every
 * service runs a command its jar's command line accepts, and every environment variable it sets is
 * one the service reads. The file is not started here (that needs a Docker engine); this keeps it
 * from drifting away from the code.
 */
class DockerComposeTests {

    private static final Path ROOT = Path.of("..");
    private static final Pattern ENV_IN_SOURCE =
            Pattern.compile("getenv\\(\"([A-Z0-9_]+)\"\\)|\\$\\{env:([A-Z0-9_]+)}|_ENV\\s*=\\s*\"([A-Z0-9_]+)\"");
    private static final Pattern JAR = Pattern.compile("/app/([a-z-]+)\\.jar");
    // the variables the official postgres image documents for its first start
    private static final Set<String> POSTGRES_IMAGE = Set.of("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theFileDefinesPostgresThePlatformPolicyServiceAndTheWorkers() throws IOException {
        assertThat(services().keySet())
                .containsExactlyInAnyOrder(
                        "postgres", "platform-api", "policy-service", "cpu-worker-1", "cpu-worker-2", "gpu-worker-1");
    }

    @Test
    void everyJavaServiceRunsAJarOfThisBuildWithACommandLineItsCliAccepts() throws IOException {
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            List<String> command = command(service.getValue());
            if (command.isEmpty()) {
                continue;
            }
            checked++;
            String jar = jar(service.getKey(), command);
            List<String> args = command.subList(command.indexOf("/app/" + jar + ".jar") + 1, command.size());
            assertThat(ROOT.resolve(jar).resolve("pom.xml"))
                    .as("%s runs %s.jar, the jar of module %s", service.getKey(), jar, jar)
                    .exists();
            assertThat(volumes(service.getValue()))
                    .as(service.getKey() + " mounts the jar the build makes")
                    .contains("./" + jar + "/target/" + jar + ".jar:/app/" + jar + ".jar:ro");
            switch (jar) {
                case "platform-api" ->
                    // Spring Boot takes --name=value settings only; the compose file sets none
                    assertThat(args).as(service.getKey()).isEmpty();
                case "policy-service" -> {
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    List<String> withHelp = new ArrayList<>(args);
                    withHelp.add("--help");
                    // picocli parses every option before it prints the help: an unknown one is exit 2
                    int code = PolicyCli.run(
                            withHelp.toArray(String[]::new),
                            new ByteArrayInputStream(new byte[0]),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
                    assertThat(code)
                            .as(service.getKey() + " " + args + ": " + err.toString(StandardCharsets.UTF_8))
                            .isZero();
                    assertThat(args).first().isEqualTo("serve");
                }
                case "inference-workers" -> {
                    assertThat(WorkerCli.problems(args.toArray(String[]::new)))
                            .as(service.getKey() + " " + args)
                            .isEmpty();
                    assertThat(args).first().isEqualTo("serve");
                }
                default -> throw new AssertionError(service.getKey() + " runs an unknown jar " + jar);
            }
        }
        assertThat(checked).isEqualTo(5);
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
        Set<String> platform = platformVariables();
        Set<String> policyService = variablesReadBy("policy-service");
        Set<String> workers = variablesReadBy("inference-workers");
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            Set<String> set = environment(service.getValue());
            List<String> command = command(service.getValue());
            Set<String> reads = command.isEmpty()
                    ? POSTGRES_IMAGE
                    : switch (jar(service.getKey(), command)) {
                        case "platform-api" -> platform;
                        case "policy-service" -> policyService;
                        case "inference-workers" -> workers;
                        default -> Set.of();
                    };
            assertThat(reads)
                    .as("variables %s sets that it does not read", service.getKey())
                    .containsAll(set);
        }
        assertThat(environment(services().get("platform-api")))
                .contains("SPRING_DATASOURCE_URL", "TIERSERVE_WORKERS_TOKEN");
        assertThat(environment(services().get("policy-service"))).contains("SPRING_DATASOURCE_URL");
        assertThat(environment(services().get("cpu-worker-1"))).containsExactly("TIERSERVE_WORKERS_TOKEN");
    }

    @Test
    void everyTierServeSettingIsInTheConfigurationReference() throws IOException {
        Set<String> documented = documentedVariables();
        Set<String> bound = new TreeSet<>();
        for (String key : tierServeKeys()) {
            bound.add(variable(key));
        }
        assertThat(documented).as("docs/configuration.md").containsAll(bound);
    }

    /**
     * What platform-api reads from the environment: its own settings (relaxed binding of every
     * {@code tierserve.*} key it binds) and the Spring Boot settings the configuration reference
     * documents (datasource, port, log format).
     */
    private static Set<String> platformVariables() throws IOException {
        Set<String> variables = new TreeSet<>();
        for (String key : tierServeKeys()) {
            variables.add(variable(key));
        }
        for (String documented : documentedVariables()) {
            if (Stream.of("SPRING_", "SERVER_", "LOGGING_", "MANAGEMENT_").anyMatch(documented::startsWith)) {
                variables.add(documented);
            }
        }
        return variables;
    }

    /** Every {@code tierserve.*} key that platform-api binds: its properties records and its {@code @Value}s. */
    private static Set<String> tierServeKeys() {
        Set<String> keys = new TreeSet<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(Object.class));
        for (BeanDefinition definition : scanner.findCandidateComponents("io.tierserve.platform")) {
            Class<?> type = load(definition.getBeanClassName());
            ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
            if (properties != null && type.isRecord()) {
                String prefix = properties.value().isEmpty() ? properties.prefix() : properties.value();
                for (RecordComponent component : type.getRecordComponents()) {
                    keys.add(prefix + "." + kebab(component.getName()));
                }
            }
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                org.springframework.scheduling.annotation.Scheduled scheduled =
                        method.getAnnotation(org.springframework.scheduling.annotation.Scheduled.class);
                if (scheduled != null) {
                    for (String text : List.of(scheduled.fixedDelayString(), scheduled.fixedRateString())) {
                        if (text.startsWith("${tierserve.")) {
                            keys.add(text.substring(2).split("[:}]")[0]);
                        }
                    }
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                for (Parameter parameter : constructor.getParameters()) {
                    Value value = parameter.getAnnotation(Value.class);
                    if (value != null && value.value().startsWith("${tierserve.")) {
                        keys.add(value.value().substring(2).split("[:}]")[0]);
                    }
                }
            }
        }
        assertThat(keys)
                .contains("tierserve.workers.token", "tierserve.inference.in-process", "tierserve.jobs.in-process");
        return keys;
    }

    /** The variables a module's main sources read: {@code getenv("X")}, picocli's {@code ${env:X}}, {@code *_ENV = "X"}. */
    private static Set<String> variablesReadBy(String module) throws IOException {
        Set<String> variables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = ENV_IN_SOURCE.matcher(Files.readString(file));
                while (m.find()) {
                    for (int g = 1; g <= 3; g++) {
                        if (m.group(g) != null) {
                            variables.add(m.group(g));
                        }
                    }
                }
            }
        }
        return variables;
    }

    /** The "environment variable" column of docs/configuration.md's table. */
    private static Set<String> documentedVariables() throws IOException {
        Set<String> variables = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/configuration.md"))) {
            String[] cells = line.split("\\|");
            if (line.startsWith("| `") && cells.length > 2) {
                Matcher m = Pattern.compile("`([A-Z0-9_]+)`").matcher(cells[2]);
                while (m.find()) {
                    variables.add(m.group(1));
                }
            }
        }
        return variables;
    }

    private static String variable(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DockerComposeTests.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's command as words; a {@code bash -c} command is split at its {@code exec}. */
    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> service) {
        Object command = service.get("command");
        if (command == null) {
            return List.of();
        }
        List<String> words = command instanceof List<?> list
                ? new ArrayList<>((List<String>) list)
                : new ArrayList<>(Arrays.asList(command.toString().trim().split("\\s+")));
        if (words.size() == 3 && words.get(0).equals("bash") && words.get(1).equals("-c")) {
            String script = words.get(2);
            words = new ArrayList<>(Arrays.asList(
                    script.substring(script.indexOf("exec ") + 5).trim().split("\\s+")));
        }
        return words;
    }

    private static String jar(String service, List<String> command) {
        assertThat(command).as(service).startsWith("java");
        for (String word : command) {
            Matcher m = JAR.matcher(word);
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new AssertionError(service + " runs no /app/<module>.jar: " + command);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        return environment == null ? Set.of() : new TreeSet<>(((Map<String, Object>) environment).keySet());
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(Map<String, Object> service) {
        Object volumes = service.get("volumes");
        return volumes == null ? List.of() : (List<String>) volumes;
    }
}
