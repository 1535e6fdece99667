package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against a real AWS engine (moto_server or LocalStack, see {@link AwsEngines}): one engine
 * per test run, the template's resources created for the class, the engine reset after it. Test methods,
 * constructors and {@code @BeforeAll} methods take an {@link AwsResources} parameter.
 * Classes of one run must not execute in parallel: the reset between classes clears the whole engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AwsEngineExtension.class)
public @interface AwsEngineTest {
}
