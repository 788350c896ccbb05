package com.sabiscore.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a wrong command line in one line, naming the command and where its help is, instead of
 * the message followed by the whole usage text; exits with picocli's usage code (2).
 */
final class OneLineUsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(name + ": " + error.getMessage() + " (see " + name + " --help)");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }
}
