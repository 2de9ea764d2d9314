package io.tierserve.platform.demo;

import java.util.UUID;

/** The tenant demo data goes into. */
public record DemoTenant(UUID id, String name) {}
