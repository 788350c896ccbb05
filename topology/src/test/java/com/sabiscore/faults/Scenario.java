package com.sabiscore.faults;

import java.util.concurrent.Callable;

/**
 * A fault scenario: runs real processes through a fault and checks what they left. From the
 * command line ({@link FaultTests}) it prints its report and exits 0 when it passed, 1 on a
 * violation and 2 when it could not be carried out; a JUnit test calls {@link #run} and asserts
 * the report passed.
 */
abstract class Scenario implements Callable<Integer> {

    /** Runs the scenario; {@code echo} prints each line of the report as it comes. */
    abstract FaultReport run(boolean echo) throws Exception;

    @Override
    public Integer call() throws Exception {
        try {
            FaultReport report = run(true);
            System.out.println(report.verdict());
            report.violations().forEach(v -> System.out.println("  - " + v));
            return report.passed() ? 0 : 1;
        } catch (ScenarioFailure e) {
            System.out.println("FAIL (not carried out): " + e.getMessage());
            return 2;
        }
    }
}
