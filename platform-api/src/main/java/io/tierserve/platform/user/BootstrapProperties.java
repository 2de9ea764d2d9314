package io.tierserve.platform.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform admin created on first start.
 *
 * @param adminUsername the admin's user name
 * @param adminPassword the admin's password (env {@code TIERSERVE_BOOTSTRAP_ADMIN_PASSWORD}); when
 *     empty a random one is generated and printed once
 */
@ConfigurationProperties("tierserve.bootstrap")
record BootstrapProperties(@DefaultValue("admin") String adminUsername, String adminPassword) {}
