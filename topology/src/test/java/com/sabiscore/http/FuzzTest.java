package com.sabiscore.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A parameterized test over {@link FuzzInputs#cases}. A failure's message starts with the case's
 * display name, which names the {@code fuzz.seed} that draws the same cases again: Maven's console
 * report shows only the case's index.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@ExtendWith(FuzzTest.NamedFailure.class)
@interface FuzzTest {

    /** Puts the case's display name in front of its failure. */
    final class NamedFailure implements TestExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
            throw new AssertionError(context.getDisplayName() + ": " + failure.getMessage(), failure);
        }
    }
}
