package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/** The "Type 'yes'" question of the commands that delete data; --yes skips it in scripts. */
final class Confirmation {
    private Confirmation() {
    }

    /**
     * Asks {@code question} on {@code err} and reads the answer.
     *
     * @return whether the answer was yes
     * @throws UserException {@link ExitCodes#USAGE} when the input is closed (a script without --yes)
     */
    static boolean ask(BufferedReader answers, PrintWriter err, String question, String command) throws IOException {
        err.print(question + (question.endsWith(System.lineSeparator()) ? "" : " ") + "Type 'yes' to continue: ");
        err.flush();
        String answer = answers.readLine();
        if (answer == null) {
            throw new UserException(ExitCodes.USAGE, "no answer to the question (input closed): nothing was"
                    + " deleted. Run " + command + " --yes to delete without the question.");
        }
        return answer.trim().equalsIgnoreCase("yes");
    }
}
