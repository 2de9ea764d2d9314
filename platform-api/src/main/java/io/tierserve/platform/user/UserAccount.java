package io.tierserve.platform.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A login: user name, password hash, roles, and the tenant it belongs to (none for platform admins). */
@Entity
@Table(name = "users")
class UserAccount {

    @Id
    private UUID id;

    @Column(name = "tenant_id")
    private UUID tenantId;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    private boolean enabled;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Version
    private Long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected UserAccount() {}

    private UserAccount(UUID tenantId, String username, String passwordHash, Set<Role> roles) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    static UserAccount platformAdmin(String username, String passwordHash) {
        return new UserAccount(null, username, passwordHash, EnumSet.of(Role.PLATFORM_ADMIN));
    }

    static UserAccount tenantUser(UUID tenantId, String username, String passwordHash, Role role) {
        return new UserAccount(tenantId, username, passwordHash, EnumSet.of(role));
    }

    UUID id() {
        return id;
    }

    /** A new password (its hash) and/or a new tenant role; a platform admin's role never changes here. */
    void change(String newPasswordHash, Role newRole) {
        if (newPasswordHash != null) {
            this.passwordHash = newPasswordHash;
        }
        if (newRole != null) {
            this.roles = EnumSet.of(newRole);
        }
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    Instant createdAt() {
        return createdAt;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean enabled() {
        return enabled;
    }

    Set<Role> roles() {
        return Set.copyOf(roles);
    }

    UUID tenantId() {
        return tenantId;
    }
}
