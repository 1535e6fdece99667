package com.salesconnect.tasksync.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static com.salesconnect.tasksync.architecture.CoreClasses.CORE;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

/**
 * {@code Optional} is a return type in core (STYLE.md): a parameter or a field that may be absent says what its
 * absence means with an overload, a sealed result or a small record instead. An Optional as a type argument is
 * left alone: a {@code Supplier<Optional<X>>} is a function that returns one, a {@code Map<K, Optional<X>>} a memo of
 * lookups that remembers "found nothing".
 */
class NoOptionalParametersTest {

    @Test
    void noMethodOrConstructorTakesAnOptional() {
        codeUnits().should(new ArchCondition<JavaCodeUnit>("declare no Optional parameter") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (JavaParameter parameter : unit.getParameters()) {
                    if (mentionsOptional(parameter.getType())) {
                        events.add(SimpleConditionEvent.violated(unit,
                                unit.getFullName() + " takes " + parameter.getType().getName()
                                        + " in " + unit.getSourceCodeLocation()));
                    }
                }
            }
        }).check(CORE);
    }

    @Test
    void noClassHoldsAnOptional() {
        fields().that(new DescribedPredicate<JavaField>("are not synthetic") {
                    @Override
                    public boolean test(JavaField field) {
                        return !field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC);
                    }
                })
                .should(new ArchCondition<JavaField>("not be or hold an Optional") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        if (mentionsOptional(field.getType())) {
                            events.add(SimpleConditionEvent.violated(field,
                                    field.getFullName() + " is " + field.getType().getName()
                                            + " in " + field.getSourceCodeLocation()));
                        }
                    }
                }).check(CORE);
    }

    /** The type itself is {@code Optional} (or one of its primitive kin). */
    private static boolean mentionsOptional(JavaType type) {
        JavaClass raw = type.toErasure();
        return raw.isEquivalentTo(Optional.class) || raw.isEquivalentTo(java.util.OptionalInt.class)
                || raw.isEquivalentTo(java.util.OptionalLong.class)
                || raw.isEquivalentTo(java.util.OptionalDouble.class);
    }
}
