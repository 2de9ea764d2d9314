package io.tierserve.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestDatabase}, with no annotation on the test.
 *
 * <p>Registered in {@code META-INF/spring.factories}. All contexts share one customizer value, so
 * the context cache keeps sharing contexts across test classes, and they share one schema.
 */
public final class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new TestDatabaseContextCustomizer();
    }

    private static final class TestDatabaseContextCustomizer implements ContextCustomizer {

        private static Map<String, Object> properties;

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("tierserve-test-db", properties()));
        }

        private static synchronized Map<String, Object> properties() {
            if (properties == null) {
                TestDatabase.Connection connection = TestDatabase.freshSchema();
                properties = Map.of(
                        "spring.datasource.url", connection.jdbcUrl(),
                        "spring.datasource.username", nullToEmpty(connection.username()),
                        "spring.datasource.password", nullToEmpty(connection.password()),
                        // The database above is the test database: slices must not swap it for an in-memory one.
                        "spring.test.database.replace", "none");
            }
            return properties;
        }

        private static String nullToEmpty(String value) {
            return value == null ? "" : value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestDatabaseContextCustomizer;
        }

        @Override
        public int hashCode() {
            return TestDatabaseContextCustomizer.class.hashCode();
        }
    }
}
