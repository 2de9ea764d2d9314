package io.tierserve.platform.inference;

import io.micrometer.core.instrument.MeterRegistry;
import io.tierserve.platform.apikey.ApiKeyAuthenticator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the {@link PredictFastLane} first among the servlet filters: ahead of Spring's HTTP
 * server observation, the public API's body limit (the lane takes only bodies with a declared length
 * within that limit) and Spring Security's filter chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tierserve.inference.fast-lane", havingValue = "true", matchIfMissing = true)
class PredictFastLaneConfiguration {

    /** Before the HTTP server observation ({@code HIGHEST_PRECEDENCE + 1}) and every other filter. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Bean
    FilterRegistrationBean<PredictFastLane> predictFastLane(
            ApiKeyAuthenticator keys,
            PublicPredictions predictions,
            JsonMapper json,
            jakarta.validation.Validator validator,
            MeterRegistry meters,
            @Value("${tierserve.public-api.max-body-bytes:16777216}") long maxBodyBytes) {
        FilterRegistrationBean<PredictFastLane> registration = new FilterRegistrationBean<>(new PredictFastLane(
                keys, predictions, json, new SpringValidatorAdapter(validator), meters, maxBodyBytes));
        registration.setName("predictFastLane");
        registration.addUrlPatterns("/v1/cascades/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
