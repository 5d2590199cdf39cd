package dev.zapjobs.events.runtime.testing.a;

/** One of two handler classes with one simple name in different packages: one display name. */
public final class Twin {}
