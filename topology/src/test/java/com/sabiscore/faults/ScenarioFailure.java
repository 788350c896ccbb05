package com.sabiscore.faults;

/** A scenario could not be carried out (a process died early, a wait timed out): it fails without a check. */
final class ScenarioFailure extends RuntimeException {

    ScenarioFailure(String message) {
        super(message);
    }
}
