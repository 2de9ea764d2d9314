package io.tierserve.platform.inference;

import io.tierserve.platform.apikey.ApiKeyService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the {@link PredictFastLane} after the public API's body limit (so the lane reads a
 * bounded body) and before Spring Security's filter chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tierserve.inference.fast-lane", havingValue = "true", matchIfMissing = true)
class PredictFastLaneConfiguration {

    /** After the body limit filters (order -200), before Spring Security's filter chain (-100). */
    static final int ORDER = -199;

    @Bean
    FilterRegistrationBean<PredictFastLane> predictFastLane(
            ApiKeyService keys,
            PublicPredictions predictions,
            JsonMapper json,
            jakarta.validation.Validator validator) {
        FilterRegistrationBean<PredictFastLane> registration = new FilterRegistrationBean<>(
                new PredictFastLane(keys, predictions, json, new SpringValidatorAdapter(validator)));
        registration.setName("predictFastLane");
        registration.addUrlPatterns("/v1/cascades/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
