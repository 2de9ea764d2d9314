package io.tierserve.platform.config;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Installs the transaction manager that confines tenant-bound callers' transactions to their tenant. */
@Configuration(proxyBeanMethods = false)
class RowLevelSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RowLevelSecurityConfiguration.class);

    @Bean
    PlatformTransactionManager transactionManager(
            EntityManagerFactory factory, DataSource dataSource, ObjectProvider<CommittedWrites> committedWrites) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // A superuser ignores row-level security, so it must step down to the tenant role; an
        // ordinary owner is bound by the FORCEd policies already.
        boolean superuser = Boolean.TRUE.equals(
                jdbc.queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class));
        boolean roleUsable = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from pg_roles where rolname = 'tierserve_tenant')", Boolean.class));
        if (superuser && !roleUsable) {
            log.warn("Connected as a superuser without the role tierserve_tenant: row-level security is not enforced");
        }
        return new TenantScopedTransactionManager(factory, superuser && roleUsable, committedWrites);
    }
}
