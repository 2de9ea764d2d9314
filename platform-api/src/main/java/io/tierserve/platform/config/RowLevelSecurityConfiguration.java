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
        // The platform's own role (the embedded database's tierserve_app, or the documented external
        // set-up) is neither superuser nor owner: the policies bind it as it is. A role that
        // bypasses row-level security (a superuser, BYPASSRLS) must step down to the tenant role
        // for tenant-bound transactions, where it may.
        boolean bypasses = Boolean.TRUE.equals(jdbc.queryForObject(
                "select rolsuper or rolbypassrls from pg_roles where rolname = current_user", Boolean.class));
        boolean roleUsable = bypasses
                && Boolean.TRUE.equals(jdbc.queryForObject(
                        "select case when exists (select 1 from pg_roles where rolname = 'tierserve_tenant')"
                                + " then pg_has_role(current_user, 'tierserve_tenant', 'MEMBER') else false end",
                        Boolean.class));
        if (bypasses && !roleUsable) {
            log.warn("Connected as a role that bypasses row-level security, without the role tierserve_tenant:"
                    + " row-level security is not enforced; connect as a role like tierserve_app (docs/security.md)");
        }
        return new TenantScopedTransactionManager(factory, roleUsable, committedWrites);
    }
}
