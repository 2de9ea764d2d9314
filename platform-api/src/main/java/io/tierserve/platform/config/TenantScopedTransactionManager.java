package io.tierserve.platform.config;

import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.hibernate.Session;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A JPA transaction manager that confines each transaction of a tenant-bound caller to its tenant
 * in PostgreSQL: {@code app.tenant_id} for the row-level security policies (migration V12), and
 * the unprivileged role {@code tierserve_tenant} where it exists, because a superuser connection
 * would bypass the policies.
 */
final class TenantScopedTransactionManager extends JpaTransactionManager {

    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<Boolean> COMMITTED_WRITE = new ThreadLocal<>();

    private final boolean switchRole;
    // looked up when used: the listeners may themselves need beans built after this manager
    private final transient ObjectProvider<CommittedWrites> committedWrites;

    TenantScopedTransactionManager(
            EntityManagerFactory factory, boolean switchRole, ObjectProvider<CommittedWrites> committedWrites) {
        super(factory);
        this.switchRole = switchRole;
        this.committedWrites = committedWrites;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        if (!status.isReadOnly()) {
            COMMITTED_WRITE.set(Boolean.TRUE);
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        super.doCleanupAfterCompletion(transaction);
        if (COMMITTED_WRITE.get() != null) {
            COMMITTED_WRITE.remove();
            committedWrites.orderedStream().forEach(CommittedWrites::committed);
        }
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
