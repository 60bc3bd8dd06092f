package io.aqstream.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets a running 3-node {@link KraftTestCluster} wherever it declares a parameter of that
 * type: one cluster for the whole class, started on first use and stopped after the class. The same
 * extension as {@link WithKraftNode} ({@link KraftNodeExtension}); a class may ask for both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KraftNodeExtension.class)
public @interface WithKraftCluster {
}
