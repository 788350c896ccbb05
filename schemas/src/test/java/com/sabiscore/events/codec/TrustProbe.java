package com.sabiscore.events.codec;

import com.sabiscore.events.Fixture;
import com.sabiscore.state.TeamState;

/**
 * Run in a JVM started without {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}: shows that Avro
 * 1.12.2 refuses the generated class there, and that {@link AvroCodec} decodes it (and a state value) anyway.
 * Prints one line per finding; exits 0 only when both hold.
 */
public final class TrustProbe {

    private TrustProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Fixture.getEncoder().encode(SampleEvents.fixture()).array();
        try {
            Fixture.getDecoder().decode(bytes);
            System.out.println("untrusted decode succeeded");
            System.exit(2);
        } catch (SecurityException expected) {
            System.out.println("untrusted decode refused: " + expected.getMessage());
        }
        Fixture decoded = AvroCodec.of(Fixture.class).decode(bytes);
        System.out.println("codec decoded " + decoded.getFixtureId());
        AvroCodec<TeamState> states = AvroCodec.of(TeamState.class);
        TeamState state = states.decode(states.encode(SampleStates.teamState()));
        System.out.println("codec decoded the team state of season " + state.getSeason());
        System.exit(decoded.equals(SampleEvents.fixture()) && state.equals(SampleStates.teamState()) ? 0 : 3);
    }
}
