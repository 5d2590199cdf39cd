package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.OverflowPolicy;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.time.Duration;

/**
 * Everything needed to set up one handler method.
 *
 * @param handler the method as its binding describes it
 * @param filter its job-type and queue filter (shared by equal filters), or null for none
 */
public record HandlerSpec(
    HandlerId id,
    String name,
    HandlerBinding binding,
    int method,
    HandlerMethod handler,
    EventFilter filter,
    Object instance,
    OverflowPolicy policy,
    int capacity,
    Duration asyncTimeout,
    int asyncWindow) {}
