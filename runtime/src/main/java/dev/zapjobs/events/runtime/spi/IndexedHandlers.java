package dev.zapjobs.events.runtime.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generated {@link HandlerBinding} with the handler classes it binds, by their names within
 * its package ({@code "Alerts"}, {@code "Outer.Inner"}). The annotation processor reads it from the
 * previous compile's output, so that a partial recompile of the package keeps the handler classes
 * it does not recompile. Not read at run time.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface IndexedHandlers {
  /** The handler classes of the binding, by name within the package, sorted. */
  String[] value();
}
