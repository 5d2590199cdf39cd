package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.OverflowPolicy;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.time.Duration;

/** Everything needed to set up one handler method. */
public record SubscriberSpec(
    HandlerId id,
    String name,
    HandlerBinding binding,
    int method,
    Object instance,
    OverflowPolicy policy,
    int capacity,
    Duration asyncTimeout) {}
