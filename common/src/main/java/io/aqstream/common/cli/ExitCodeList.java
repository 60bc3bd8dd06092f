package io.aqstream.common.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command uses, for the "Exit codes:" section that {@link ExitCodeHelp} generates in its
 * {@code --help}: each code once, in any order (the help lists them in numeric order).
 *
 * <pre>
 * &#64;Command(name = "consume", ..., modelTransformer = ExitCodeHelp.class)
 * &#64;ExitCodeList({&#64;Code(OK), &#64;Code(FAILURE), &#64;Code(value = BAD_INPUT, meaning = "The output folder ...")})
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitCodeList {
    Code[] value();

    /** One exit code the command uses. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Code {
        /** A code of {@link ExitCodes#TABLE}. */
        int value();

        /** What the code means for this command, when it can say more than the table; empty: the table's. */
        String meaning() default "";
    }
}
