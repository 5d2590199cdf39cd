package dev.zapjobs.events.processor;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Keeps the {@code META-INF/services} registration honest in compiles where {@link
 * JobEventProcessor} does not run: javac calls a processor only when an annotation it supports is
 * present, so recompiling just a class whose {@code @OnJobEvent} methods were all removed would
 * leave its old entry listed (its stale binding class is still in the output). This processor
 * supports {@code "*"} to be called in every compile, never claims anything (other processors see
 * every annotation as before), and only rewrites the services file, in the last round, when {@link
 * JobEventProcessor} did not run and an old entry's handler class was compiled here or its binding
 * class is gone.
 */
@AutoService(Processor.class)
public final class StaleBindingsProcessor extends AbstractProcessor {
  private CompiledTypes compiled;
  private ServicesFile services;
  private final List<TypeElement> originating = new ArrayList<>();

  /** Creates the processor; javac calls this through {@link java.util.ServiceLoader}. */
  public StaleBindingsProcessor() {}

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
    compiled = new CompiledTypes(env.getElementUtils());
    services = new ServicesFile(env.getFiler());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (!round.processingOver()) {
        compiled.addAll(round.getRootElements());
        originating.addAll(ElementFilter.typesIn(round.getRootElements()));
      } else if (!CompiledTypes.mainProcessorRan(processingEnv.getElementUtils())) {
        services.prune(compiled.keepOld(), originating.toArray(new Element[0]));
      }
    } catch (FilerException alreadyWritten) {
      // Another processor instance wrote the file in this compile: it had the whole picture.
    } catch (Throwable t) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL.format(JobEventProcessor.trace(t)));
    }
    return false;
  }
}
