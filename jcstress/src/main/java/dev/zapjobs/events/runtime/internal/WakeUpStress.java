package dev.zapjobs.events.runtime.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * The {@link Sleeper} handshake, as {@link TickThenSleep} and {@link Intake} use it: the dispatcher
 * announces its sleep and then looks at the intake; a publisher hands its event over and then looks
 * for the announcement. r1: the dispatcher found the intake empty (it would park); r2: the
 * publisher claimed the wake-up (it would unpark).
 */
@JCStressTest
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "parks, and the publisher wakes it")
@Outcome(id = "false, false", expect = ACCEPTABLE, desc = "sees the event: does not park")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "does not park; a spare unpark")
@Outcome(id = "true, false", expect = FORBIDDEN, desc = "lost wake-up: parks with an event waiting")
@State
public class WakeUpStress {
  private final MpscRing<Object> intake = new MpscRing<>(4);
  private final Sleeper sleeper = new Sleeper();

  @Actor
  public void dispatcher(ZZ_Result r) {
    sleeper.announce();
    r.r1 = intake.isEmpty();
  }

  @Actor
  public void publisher(ZZ_Result r) {
    intake.offer("event");
    r.r2 = sleeper.claimWakeUp();
  }
}
