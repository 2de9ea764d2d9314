package io.tierserve.platform.demo;

import io.tierserve.platform.tier.TierRequest;
import io.tierserve.platform.tier.TierService;
import java.util.List;
import org.springframework.stereotype.Component;

/** The demo tenant's tiers: three accuracy tolerances and one latency budget. */
@Component
class DefaultTiersContributor implements DemoSeedContributor {

    static final List<TierRequest> TIERS = List.of(
            TierRequest.accuracy("exact", "The best stage's accuracy, nothing given up", 0.0, false),
            TierRequest.accuracy("balanced", "Up to 1 point of accuracy for a cheaper answer", 0.01, true),
            TierRequest.accuracy("fast", "Up to 5 points of accuracy for a much cheaper answer", 0.05, false),
            TierRequest.latency("within-1ms", "The best answer found within 1 ms", 1.0));

    private final TierService tiers;

    DefaultTiersContributor(TierService tiers) {
        this.tiers = tiers;
    }

    @Override
    public String step() {
        return "default-tiers";
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public void seed(DemoTenant tenant) {
        for (TierRequest tier : TIERS) {
            if (!tiers.exists(tenant.name(), tier.name())) {
                tiers.create(tenant.name(), tier);
            }
        }
    }
}
