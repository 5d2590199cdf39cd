package dev.zapjobs.events.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A design delivering to 4 handlers, shared by the publisher threads. */
@State(Scope.Benchmark)
public class FourHandlers extends DesignState {
  @Override
  protected int handlerCount() {
    return 4;
  }
}
