package com.sabiscore.cli;

import ai.onnxruntime.OrtException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command fails: like a tool, not like a program. One line on the error stream says what
 * is wrong and, where that is known, how to fix it; the exit status is 1, or 2 for a usage error
 * (picocli's convention). The stack trace is printed only with {@code --verbose}. A failure that
 * can only be a bug says so and asks for {@code --verbose}.
 */
public final class CommandFailures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** The option that adds the stack trace to a failure. */
    public static final String VERBOSE = "--verbose";

    private static final Set<Class<? extends Throwable>> BUGS = Set.of(NullPointerException.class, ClassCastException.class,
            IndexOutOfBoundsException.class, ArithmeticException.class, ArrayStoreException.class,
            UnsupportedOperationException.class, StackOverflowError.class);

    private CommandFailures() {
    }

    /** Makes {@code commandLine} and its subcommands fail this way; returns it. */
    public static CommandLine install(CommandLine commandLine) {
        CommandFailures failures = new CommandFailures();
        return commandLine.setExecutionExceptionHandler(failures).setParameterExceptionHandler(failures);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(name).append(": ").append(oneLine(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        line.append("; see '").append(name).append(" --help'");
        PrintWriter err = commandLine.getErr();
        err.println(line);
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The failure in one line: its message, what its causes add, and a hint where the cause is a known one. */
    public static String describe(Throwable failure) {
        if (BUGS.contains(failure.getClass())) {
            return "internal error (" + failure + "); run again with " + VERBOSE + " and report the stack trace";
        }
        String text = String.join(": ", messages(failure));
        String hint = hint(failure);
        return hint == null ? text : text + "; " + hint;
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                    // a file system exception's message is only the file: its class says what happened to it
                    : t instanceof FileSystemException ? t.getClass().getSimpleName() + ": " + oneLine(t.getMessage())
                    : oneLine(t.getMessage());
            // wrappers often repeat their cause (Kafka's "StreamsException: ProcessorStateException: ...")
            if (messages.stream().noneMatch(earlier -> earlier.contains(message))) {
                messages.removeIf(message::contains);
                messages.add(message);
            }
        }
        return messages;
    }

    private static String hint(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Address already in use")) {
                return "another program listens on that port: stop it, or choose another port (--port, http.port or "
                        + "embedded.broker.port; 0 picks a free one)";
            }
            if (t instanceof OrtException) {
                return "the model file is damaged or not a SabiScore ONNX model: point model.dir at a folder written by "
                        + "`bin/sabiscore train`, or leave it empty for the bundled models";
            }
            if (t instanceof FileSystemException) {
                return "check that the folder exists and is writable, or choose another one";
            }
        }
        return null;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll(":\\s*\\R\\s*", ": ").replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
