package io.tierserve.platform.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * An instant the database can hold and compare: from year 1 to year 9999 (UTC). Java's {@link Instant}
 * reaches a billion years either way, PostgreSQL's {@code timestamptz} does not, so a wider value is a
 * 400 here instead of a database error.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StorableInstant.Validator.class)
public @interface StorableInstant {

    String message() default "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the range; {@code null} is valid (absent). */
    final class Validator implements ConstraintValidator<StorableInstant, Instant> {

        static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
        static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(MIN) && !value.isAfter(MAX));
        }
    }
}
