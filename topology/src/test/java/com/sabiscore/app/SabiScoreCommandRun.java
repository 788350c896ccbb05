package com.sabiscore.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the launcher's command line in this JVM, as {@code bin/sabiscore} would run it, with what it printed. */
public record SabiScoreCommandRun(int exit, String out, String err) {

    public static SabiScoreCommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SabiScoreCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new SabiScoreCommandRun(exit, out.toString(), err.toString());
    }

    /** The error output is a single line. */
    public boolean errIsOneLine() {
        return err.strip().lines().count() == 1;
    }
}
