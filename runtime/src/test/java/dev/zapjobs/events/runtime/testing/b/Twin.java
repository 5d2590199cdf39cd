package dev.zapjobs.events.runtime.testing.b;

/** One of two handler classes with one simple name in different packages: one display name. */
public final class Twin {}
