package dev.zapjobs.events.runtime.internal;

/**
 * Never referenced by code. The dispatcher looks for this class's file by name when it finds no
 * handlers, or a registered binding is missing: a shrinker (ProGuard, R8) removes or renames an
 * unreferenced class, so its absence says that the runtime was shrunk, and the message can name the
 * real fix (the runtime's shrinker rules) instead of blaming the annotation processor.
 */
final class ShrinkerCanary {
  private ShrinkerCanary() {}
}
