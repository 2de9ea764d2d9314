package io.tierserve.platform;

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
        Map<String, Object> properties = Map.of(
                "spring.datasource.url",
                first.getRequiredProperty("spring.datasource.url"),
                "spring.datasource.username",
                first.getProperty("spring.datasource.username", ""),
                "spring.datasource.password",
                first.getProperty("spring.datasource.password", ""),
                "server.port",
                "0",
                "tierserve.bootstrap.admin-password",
                ApiClient.ADMIN_PASSWORD,
                "tierserve.demo.api-key",
                ApiClient.DEMO_API_KEY,
                // the first instance processes the jobs; both may, but one keeps the logs readable
                "tierserve.jobs.in-process",
                "false",
                "tierserve.inference.full-profile-fraction",
                "0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TierServeApplication.class)
                .properties(properties)
                .run();
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
