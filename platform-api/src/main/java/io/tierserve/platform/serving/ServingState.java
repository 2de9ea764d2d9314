package io.tierserve.platform.serving;

import io.tierserve.platform.config.CommittedWrites;
import io.tierserve.platform.policy.ActivePolicy;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds this instance's current {@link ServingSnapshot} and replaces it as the database changes.
 *
 * <p>Three things keep it current: {@link ServingChangeListener} reloads a tenant's part when
 * PostgreSQL notifies a change of it (any instance's, within milliseconds); a change committed on
 * this instance waits until the listener has seen it, so the instance that made a change serves it
 * from the next request on; and a full reload every {@code tierserve.serving.full-reload-interval}
 * covers notifications lost while the listening connection was down. Reloads are serialised, so
 * an older read never replaces a newer one.
 */
@Service
@EnableConfigurationProperties(ServingProperties.class)
public class ServingState implements CommittedWrites {

    private static final Logger log = LoggerFactory.getLogger(ServingState.class);

    private final SnapshotLoader loader;
    private final AtomicReference<ServingSnapshot> current = new AtomicReference<>(ServingSnapshot.EMPTY);
    private final Object reloading = new Object();
    private volatile @Nullable ServingChangeListener listener;

    ServingState(DataSource dataSource, JsonMapper json) {
        this.loader = new SnapshotLoader(dataSource, json);
    }

    /** The snapshot now; requests read it once and resolve everything from that one view. */
    public ServingSnapshot snapshot() {
        return current.get();
    }

    /** Reads everything again. */
    public void reloadAll() {
        synchronized (reloading) {
            long start = System.nanoTime();
            SnapshotLoader.Loaded loaded = loader.all();
            current.set(ServingSnapshot.of(loaded.tenants(), loaded.keys()));
            log.debug(
                    "Serving snapshot loaded: {} tenants, {} keys in {} ms",
                    loaded.tenants().size(),
                    loaded.keys().size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Reads these tenants' parts again (a tenant that no longer exists is dropped). */
    public void reload(Collection<UUID> tenants) {
        synchronized (reloading) {
            ServingSnapshot snapshot = current.get();
            for (UUID tenant : tenants) {
                SnapshotLoader.Loaded loaded = loader.tenant(tenant);
                snapshot = snapshot.withTenant(tenant, loaded.tenants().stream().findFirst(), loaded.keys());
            }
            current.set(snapshot);
        }
    }

    /**
     * The active policy for a tenant's cascade and tier on a device class, by names (the admin
     * path and tests; public requests resolve from one {@link #snapshot()}).
     *
     * @param tier the tier's name, or null for the tenant's default tier
     */
    public Optional<ActivePolicy> activePolicy(
            String tenant, String cascade, @Nullable String tier, String deviceClass) {
        ServingSnapshot snapshot = snapshot();
        return snapshot.tenant(tenant)
                .flatMap(t -> t.tier(tier)
                        .flatMap(
                                servedTier -> t.cascade(cascade).flatMap(c -> c.policy(servedTier.id(), deviceClass))));
    }

    void attach(ServingChangeListener listener) {
        this.listener = listener;
    }

    @Override
    public void committed() {
        ServingChangeListener attached = listener;
        if (attached == null || !attached.catchUp()) {
            // no listener (yet), or it did not answer in time: read everything on this thread
            reloadAll();
        }
    }
}
