package dev.zapjobs.events.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The ZapJobs Events annotation processor. It only routes: each round goes to {@link Rounds}, which
 * checks the {@code @OnJobEvent} methods and writes one binding per package, and the last round
 * writes the {@code META-INF/services} registration.
 *
 * <p>It supports {@code "*"}, because javac calls a processor only when an annotation it supports
 * is present, and some work must be done in compiles without any {@code @OnJobEvent}: reporting
 * {@code @OnJobEvent} in local and anonymous classes (javac does not count those as present), and
 * rewriting a package's binding when its last handler class is recompiled without the annotation.
 * It never claims an annotation (so every other processor sees all of them); {@link
 * OnJobEventClaimer} claims ours. It must run before the claimer: listed first in the jar's {@code
 * META-INF/services/javax.annotation.processing.Processor}, or first with {@code -processor} —
 * javac skips a {@code "*"} processor in a round whose annotations were all claimed before its
 * turn.
 *
 * <p>Option {@code -Azapjobs.events.verbose=true} prints a note per handler class. The processor
 * never throws into javac: an internal failure becomes one {@code [ZJE-INTERNAL]} error.
 */
@SupportedOptions(JobEventProcessor.VERBOSE_OPTION)
public final class JobEventProcessor extends AbstractProcessor {
  /**
   * {@code -Azapjobs.events.verbose=true}: a note per handler class, listing methods and events.
   */
  public static final String VERBOSE_OPTION = "zapjobs.events.verbose";

  private final Rounds.Hook hook;
  private final int chunk;
  private Rounds rounds;

  /** Creates the processor; javac calls this through {@link java.util.ServiceLoader}. */
  public JobEventProcessor() {
    this(type -> {}, BindingWriter.CHUNK);
  }

  /**
   * A processor for tests.
   *
   * @param hook runs before each handler class is modelled
   * @param chunk how many handler methods a generated helper method takes at most
   */
  JobEventProcessor(Rounds.Hook hook, int chunk) {
    this.hook = hook;
    this.chunk = chunk;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    boolean verbose = Boolean.parseBoolean(env.getOptions().get(VERBOSE_OPTION));
    rounds = new Rounds(env, verbose, hook, chunk);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        rounds.finish();
      } else {
        rounds.round(round);
      }
    } catch (Throwable t) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.internal(t));
    }
    return false; // claims nothing: OnJobEventClaimer claims ours
  }
}
