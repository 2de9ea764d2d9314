package io.tierserve.platform;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A second platform instance on the same database as the test context (another process would do
 * the same; a second Spring application in this JVM is cheaper): what one instance changes, the
 * other must serve.
 */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance on a free port with the first one's database and bootstrap settings. */
    public static SecondInstance start(Environment first) {
        return start(first, Map.of());
    }

    /** Likewise, with more settings of its own. */
    public static SecondInstance start(Environment first, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", first.getRequiredProperty("spring.datasource.url"));
        properties.put("spring.datasource.username", first.getProperty("spring.datasource.username", ""));
        properties.put("spring.datasource.password", first.getProperty("spring.datasource.password", ""));
        properties.put("server.port", "0");
        properties.put("tierserve.bootstrap.admin-password", ApiClient.ADMIN_PASSWORD);
        properties.put("tierserve.demo.api-key", ApiClient.DEMO_API_KEY);
        // the first instance processes the jobs; both may, but one keeps the logs readable
        properties.put("tierserve.jobs.in-process", "false");
        properties.put("tierserve.inference.full-profile-fraction", "0");
        properties.put("tierserve.audit.directory", "target/audit-checkpoints");
        properties.putAll(settings);
        // as arguments: they must win over application.yaml (default properties would not)
        String[] arguments = properties.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(TierServeApplication.class).run(arguments);
        return new SecondInstance(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
