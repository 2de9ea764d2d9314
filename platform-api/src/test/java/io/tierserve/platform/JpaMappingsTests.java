package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

/**
 * Migrates an empty PostgreSQL schema with Flyway and starts JPA with {@code ddl-auto=validate}:
 * the context only loads when every entity matches the migrated tables.
 */
@DataJpaTest
class JpaMappingsTests {

    @Autowired
    EntityManager entityManager;

    @Test
    void everyEntityMatchesTheMigratedSchema() {
        assertThat(entityManager.getMetamodel().getEntities())
                .extracting(type -> type.getName())
                .contains("Tenant", "UserAccount", "Cascade", "Stage", "Tier", "AuditEvent", "DemoSeedStep");
        assertThat(entityManager
                        .createNativeQuery("select count(*) from flyway_schema_history where not success")
                        .getSingleResult())
                .isEqualTo(0L);
    }
}
