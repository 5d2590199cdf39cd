package dev.zapjobs.events.test.handlers;

/** A class without {@code @OnJobEvent} methods: there is no binding for it. */
public final class NotAHandler {}
