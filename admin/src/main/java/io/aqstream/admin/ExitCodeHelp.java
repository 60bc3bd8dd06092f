package io.aqstream.admin;

import static io.aqstream.common.cli.ExitCodes.BAD_INPUT;
import static io.aqstream.common.cli.ExitCodes.ENVIRONMENT;
import static io.aqstream.common.cli.ExitCodes.FAILURE;
import static io.aqstream.common.cli.ExitCodes.INTERRUPTED;
import static io.aqstream.common.cli.ExitCodes.KAFKA_UNAVAILABLE;
import static io.aqstream.common.cli.ExitCodes.OK;
import static io.aqstream.common.cli.ExitCodes.UNHEALTHY;
import static io.aqstream.common.cli.ExitCodes.USAGE;

import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;

/**
 * The exit codes of {@code bin/aq-admin} and every subcommand, which all name this class as their
 * {@code modelTransformer}: the whole table, with its general meanings (docs/admin.md says what each
 * code means per subcommand).
 */
@ExitCodeList({@Code(OK), @Code(FAILURE), @Code(USAGE), @Code(BAD_INPUT), @Code(KAFKA_UNAVAILABLE), @Code(ENVIRONMENT),
    @Code(UNHEALTHY), @Code(INTERRUPTED)})
public final class ExitCodeHelp extends io.aqstream.common.cli.ExitCodeHelp {
}
