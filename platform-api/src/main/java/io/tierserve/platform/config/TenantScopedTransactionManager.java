package io.tierserve.platform.config;

import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.hibernate.Session;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A JPA transaction manager that confines each transaction of a tenant-bound caller to its tenant
 * in PostgreSQL: {@code app.tenant_id} for the row-level security policies (migration V12), and
 * the unprivileged role {@code tierserve_tenant} where it exists, because a superuser connection
 * would bypass the policies.
 */
final class TenantScopedTransactionManager extends JpaTransactionManager {

    private static final long serialVersionUID = 1L;

    private final boolean switchRole;

    TenantScopedTransactionManager(EntityManagerFactory factory, boolean switchRole) {
        super(factory);
        this.switchRole = switchRole;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        UUID tenant = TenantPrincipal.currentBoundTenant();
        if (tenant == null) {
            return;
        }
        EntityManagerHolder holder =
                (EntityManagerHolder) TransactionSynchronizationManager.getResource(obtainEntityManagerFactory());
        holder.getEntityManager().unwrap(Session.class).doWork(connection -> {
            if (switchRole) {
                try (Statement role = connection.createStatement()) {
                    role.execute("set local role tierserve_tenant");
                }
            }
            try (PreparedStatement setting =
                    connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                setting.setString(1, tenant.toString());
                setting.execute();
            }
        });
    }
}
