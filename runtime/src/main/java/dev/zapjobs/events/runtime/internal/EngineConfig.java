package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.SlowHandlerListener;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The builder's settings that the engine needs (the per-handler ones are in {@link HandlerSpec}).
 *
 * @param executor runs the drain tasks; null in synchronous mode
 * @param ownsExecutor whether the engine made it (and shuts it down at close)
 * @param observers the observers, or null for none
 * @param interceptors the interceptors, or null for none
 */
public record EngineConfig(
    int intakeCapacity,
    ExecutorService executor,
    boolean ownsExecutor,
    boolean synchronous,
    Duration tick,
    Duration slowThreshold,
    SlowHandlerListener slowListener,
    Observers observers,
    Interceptors interceptors) {}
