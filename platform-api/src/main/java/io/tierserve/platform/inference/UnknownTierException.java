package io.tierserve.platform.inference;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The request names a tier the tenant does not have; the detail lists the ones it has. */
final class UnknownTierException extends ApiException {

    private UnknownTierException(String detail) {
        super(HttpStatus.BAD_REQUEST, "Unknown tier", detail, List.of(new FieldProblem("tier", detail)));
    }

    static UnknownTierException forName(String tier, List<String> valid) {
        return new UnknownTierException("No tier named '" + tier + "'; valid tiers: " + String.join(", ", valid) + ".");
    }
}
