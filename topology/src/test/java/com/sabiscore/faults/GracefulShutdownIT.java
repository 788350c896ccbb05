package com.sabiscore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fault test 8, short: an instance under HTTP load and a live feed is stopped with SIGTERM, then
 * with SIGINT, and started again each time; every stop must answer the requests in flight, close
 * the stream's transaction, leave the group and exit 0 within 10 s, and the output must be the
 * uninterrupted run's.
 */
class GracefulShutdownIT {

    @Test
    void shouldAnswerInFlightRequestsLeaveTheGroupAndExitZeroWhenStoppedBySigtermOrSigint() throws Exception {
        GracefulShutdownScenario scenario = new GracefulShutdownScenario();
        scenario.options.window = ShortWindow.LABEL;
        scenario.options.seed = ShortWindow.SEED;

        FaultReport report = scenario.run(false);

        assertThat(report.violations()).as(report.text()).isEmpty();
    }
}
