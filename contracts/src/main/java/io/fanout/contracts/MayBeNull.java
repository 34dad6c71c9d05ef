package io.fanout.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event field that may be absent or null: one the AsyncAPI document does not list as
 * required, or whose type there includes {@code null}. Every other field of an event (and of the
 * records inside it) must be present and not null, or {@link Json#read} refuses the payload naming
 * the field, and the consumer parks the record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface MayBeNull {
}
