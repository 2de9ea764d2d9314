package io.tierserve.platform.demo;

import org.springframework.core.Ordered;

/**
 * One step of demo data for the {@code demo} tenant; register an implementation as a bean.
 *
 * <p>Each step runs once per database, in {@link #getOrder()} order, in a transaction of its own
 * that also records it: a step added in a later release runs on the next start of an existing
 * database, as long as the demo tenant still exists, and a failed step leaves the steps before it
 * in place. The default tiers are step order 0; the {@code fashion-mnist} cascade, its profile and
 * its policies ({@code FashionMnistDemo}) are order 100; the text cascade {@code spam} ({@code SpamDemo}) 120.
 */
public interface DemoSeedContributor extends Ordered {

    /** A stable, unique name of the step, recorded once it has run (for example {@code default-tiers}). */
    String step();

    /** Adds this step's data to the demo tenant. */
    void seed(DemoTenant tenant);
}
