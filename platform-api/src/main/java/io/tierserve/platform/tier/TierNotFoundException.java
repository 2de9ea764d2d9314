package io.tierserve.platform.tier;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The tenant has no tier with the name the request used. */
final class TierNotFoundException extends ApiException {

    private TierNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Tier not found", detail, List.of());
    }

    static TierNotFoundException forName(String tenant, String name) {
        return new TierNotFoundException("Tenant '" + tenant + "' has no tier named '" + name + "'.");
    }
}
