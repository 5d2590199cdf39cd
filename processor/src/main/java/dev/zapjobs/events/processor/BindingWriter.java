package dev.zapjobs.events.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the binding of one package ({@link BindingModel}) with JavaPoet: plain, deterministic Java
 * with a table of {@code HandlerMethod}s and a direct call per handler method in one {@code
 * switch}. The output compiles cleanly under {@code -Xlint:all -Werror}: no raw types, no unchecked
 * or redundant casts, {@code @Override} everywhere. Types of {@code java.lang} are imported
 * explicitly (JavaPoet's default), so a class of the handlers' package named {@code Override} or
 * {@code Object} cannot capture them, and no lookup in that package is needed to know it.
 *
 * <p>Large packages are split: the table and both switches go into helper methods of at most
 * {@value #CHUNK} methods each, so that every generated method stays far below the 8,000 bytes of
 * bytecode above which HotSpot does not compile a method, and below the JVM's 64 KB limit.
 */
final class BindingWriter {
  /** Handler methods per helper method of a large binding. */
  static final int CHUNK = 200;

  private final int chunk;

  private static final ClassName JOB_EVENT = ClassName.get(KnownTypes.API_PACKAGE, "JobEvent");
  private static final ClassName HANDLER_BINDING =
      ClassName.get(KnownTypes.RUNTIME_SPI, "HandlerBinding");
  private static final ClassName HANDLER_METHOD =
      ClassName.get(KnownTypes.RUNTIME_SPI, "HandlerMethod");
  private static final ClassName INDEXED_HANDLERS =
      ClassName.get(KnownTypes.RUNTIME_SPI, "IndexedHandlers");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  private static final TypeName METHOD_LIST = ParameterizedTypeName.get(LIST, HANDLER_METHOD);
  private static final TypeName ANY_STAGE =
      ParameterizedTypeName.get(
          ClassName.get("java.util.concurrent", "CompletionStage"),
          WildcardTypeName.subtypeOf(Object.class));

  private final ClassName generatedAnnotation;

  /**
   * @param generatedAnnotation {@code javax.annotation.processing.Generated}, or null when the
   *     handlers' module cannot see it
   */
  BindingWriter(ClassName generatedAnnotation) {
    this(generatedAnnotation, CHUNK);
  }

  /** A writer that splits after {@code chunk} methods (tests show the split shape with few). */
  BindingWriter(ClassName generatedAnnotation, int chunk) {
    this.generatedAnnotation = generatedAnnotation;
    this.chunk = chunk;
  }

  /** One handler method with its number in the binding. */
  private record Numbered(int number, HandlerModel handler, HandlerModel.Method method) {}

  JavaFile write(BindingModel binding) {
    List<Numbered> methods = new ArrayList<>();
    List<String> indexed = new ArrayList<>();
    boolean deprecated = false;
    boolean auxiliary = false;
    for (HandlerModel h : binding.handlers()) {
      indexed.add(h.displayName());
      deprecated |= h.deprecated();
      auxiliary |= h.auxiliary();
      for (HandlerModel.Method m : h.methods()) {
        methods.add(new Numbered(methods.size(), h, m));
      }
    }
    TypeSpec.Builder type =
        TypeSpec.classBuilder(binding.simpleName())
            .addJavadoc(
                "Calls the {@code @OnJobEvent} methods of $L directly, without reflection.\n",
                binding.packageName().isEmpty()
                    ? "the unnamed package"
                    : "package {@code " + binding.packageName() + "}")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(HANDLER_BINDING);
    binding.handlers().forEach(h -> type.addOriginatingElement(h.element()));
    if (generatedAnnotation != null) {
      type.addAnnotation(
          AnnotationSpec.builder(generatedAnnotation)
              .addMember("value", "$S", KnownTypes.GENERATOR)
              .build());
    }
    AnnotationSpec.Builder indexedHandlers = AnnotationSpec.builder(INDEXED_HANDLERS);
    indexed.forEach(name -> indexedHandlers.addMember("value", "$S", name));
    type.addAnnotation(indexedHandlers.build());
    List<String> suppressed = new ArrayList<>();
    if (auxiliary) {
      suppressed.add("auxiliaryclass"); // a handler declared in a file named after another class
    }
    if (deprecated) {
      suppressed.addAll(List.of("deprecation", "removal"));
    }
    if (!suppressed.isEmpty()) {
      type.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", suppressed.size() == 1 ? "$L" : "{$L}", strings(suppressed))
              .build());
    }
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc("Creates the binding; {@link java.util.ServiceLoader} calls this.\n")
            .addModifiers(Modifier.PUBLIC)
            .build());

    List<List<Numbered>> chunks = chunks(methods);
    String where =
        " in "
            + (binding.packageName().isEmpty() ? "the unnamed package" : binding.packageName())
            + " ("
            + methods.size()
            + " methods)";
    if (chunks.size() == 1) {
      type.addMethod(
          override("methods", METHOD_LIST).addStatement("return $L", table(methods)).build());
      type.addMethod(newInstance(override("newInstance", ClassName.OBJECT), methods).build());
      type.addMethod(invoke(override("invoke", ANY_STAGE), methods, where).build());
    } else {
      MethodSpec.Builder all =
          override("methods", METHOD_LIST)
              .addStatement("$T methods = new $T<>($L)", METHOD_LIST, ARRAY_LIST, methods.size());
      for (List<Numbered> chunk : chunks) {
        all.addStatement("methods.addAll($N())", "methods" + range(chunk));
      }
      type.addMethod(all.addStatement("return methods").build());
      delegate(type, "newInstance", ClassName.OBJECT, chunks, "method");
      delegate(type, "invoke", ANY_STAGE, chunks, "handler, method, event");
      for (List<Numbered> chunk : chunks) {
        type.addMethod(
            helper("methods" + range(chunk), METHOD_LIST, chunk)
                .addStatement("return $L", table(chunk))
                .build());
      }
      for (List<Numbered> chunk : chunks) {
        type.addMethod(
            newInstance(helper("newInstance" + range(chunk), ClassName.OBJECT, chunk), chunk)
                .build());
      }
      for (List<Numbered> chunk : chunks) {
        type.addMethod(
            invoke(helper("invoke" + range(chunk), ANY_STAGE, chunk), chunk, where).build());
      }
    }
    return JavaFile.builder(binding.packageName(), type.build())
        .addFileComment("Generated by the ZapJobs Events annotation processor. Do not edit.")
        .build();
  }

  /**
   * {@code List.of(HandlerMethod.instanceMethod(Alerts.class, "onFailed", JobFailed.class), …)}.
   */
  private static CodeBlock table(List<Numbered> methods) {
    CodeBlock.Builder table = CodeBlock.builder().add("$T.of(\n", LIST);
    for (int i = 0; i < methods.size(); i++) {
      Numbered n = methods.get(i);
      HandlerModel.Method m = n.method();
      table.add(
          "$T.$N($T.class, $S, $T.class)",
          HANDLER_METHOD,
          m.isStatic() ? "staticMethod" : "instanceMethod",
          handlerName(n.handler()),
          m.name(),
          eventClass(m));
      if (m.async()) {
        table.add(".async()");
      }
      if (!m.jobTypes().isEmpty()) {
        table.add(".withJobTypes($L)", strings(m.jobTypes()));
      }
      if (!m.queues().isEmpty()) {
        table.add(".withQueues($L)", strings(m.queues()));
      }
      table.add(i == methods.size() - 1 ? ")" : ",\n");
    }
    return table.build();
  }

  /** {@code case 0: case 1: return new Alerts();} for each class that can be made. */
  private static MethodSpec.Builder newInstance(MethodSpec.Builder method, List<Numbered> methods) {
    method.addParameter(int.class, "method").addException(Throwable.class);
    List<Numbered> made = new ArrayList<>();
    for (Numbered n : methods) {
      if (n.handler().instantiation() != HandlerModel.Instantiation.NONE) {
        made.add(n);
      }
    }
    if (made.isEmpty()) {
      return method.addStatement("return null");
    }
    method.beginControlFlow("switch (method)");
    for (int i = 0; i < made.size(); i++) {
      Numbered n = made.get(i);
      method.addCode("case $L:\n", n.number());
      boolean lastOfClass = i == made.size() - 1 || made.get(i + 1).handler() != n.handler();
      if (lastOfClass) {
        HandlerModel h = n.handler();
        method.addCode("$>");
        if (h.instantiation() == HandlerModel.Instantiation.ENUM_CONSTANT) {
          method.addStatement("return $T.$N", handlerName(h), h.enumConstant());
        } else {
          method.addStatement(
              h.typeParameterCount() == 0 ? "return new $T()" : "return new $T<>()",
              handlerName(h));
        }
        method.addCode("$<");
      }
    }
    return method
        .addCode("default:\n$>")
        .addStatement("return null")
        .addCode("$<")
        .endControlFlow();
  }

  /** {@code case 0: ((Alerts) handler).onFailed((JobFailed) event); return null;} per method. */
  private static MethodSpec.Builder invoke(
      MethodSpec.Builder method, List<Numbered> methods, String where) {
    method
        .addParameter(Object.class, "handler")
        .addParameter(int.class, "method")
        .addParameter(JOB_EVENT, "event")
        .addException(Throwable.class)
        .beginControlFlow("switch (method)");
    for (Numbered n : methods) {
      HandlerModel.Method m = n.method();
      CodeBlock receiver =
          m.isStatic()
              ? CodeBlock.of("$T", handlerName(n.handler()))
              : CodeBlock.of("(($T) handler)", instanceType(n.handler()));
      CodeBlock argument =
          m.eventSimpleName().equals("JobEvent")
              ? CodeBlock.of("event")
              : CodeBlock.of("($T) event", eventClass(m));
      CodeBlock call = CodeBlock.of("$L.$N($L)", receiver, m.name(), argument);
      method.addCode("case $L:\n$>", n.number());
      if (m.async()) {
        method.addStatement("return $L", call);
      } else {
        method.addStatement("$L", call).addStatement("return null");
      }
      method.addCode("$<");
    }
    return method
        .addCode("default:\n$>")
        .addStatement(
            "throw new $T($S + method + $S)",
            IndexOutOfBoundsException.class,
            "no handler method ",
            where)
        .addCode("$<")
        .endControlFlow();
  }

  /** {@code if (method < 200) { return invoke0To199(…); } … return invoke400To450(…);}. */
  private static void delegate(
      TypeSpec.Builder type,
      String name,
      TypeName returns,
      List<List<Numbered>> chunks,
      String arguments) {
    MethodSpec.Builder method = override(name, returns).addException(Throwable.class);
    if (name.equals("invoke")) {
      method
          .addParameter(Object.class, "handler")
          .addParameter(int.class, "method")
          .addParameter(JOB_EVENT, "event");
    } else {
      method.addParameter(int.class, "method");
    }
    for (int i = 0; i < chunks.size(); i++) {
      List<Numbered> chunk = chunks.get(i);
      String call = "return " + name + range(chunk) + "(" + arguments + ")";
      if (i < chunks.size() - 1) {
        int end = chunk.get(chunk.size() - 1).number() + 1;
        method.beginControlFlow("if (method < $L)", end).addStatement(call).endControlFlow();
      } else {
        method.addStatement(call);
      }
    }
    type.addMethod(method.build());
  }

  private static MethodSpec.Builder helper(String name, TypeName returns, List<Numbered> chunk) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(
            chunk.size() == 1
                ? CodeBlock.of("Method $L.\n", chunk.get(0).number())
                : CodeBlock.of(
                    "Methods $L to $L.\n",
                    chunk.get(0).number(),
                    chunk.get(chunk.size() - 1).number()))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(returns);
  }

  /** {@code 0To199}, or {@code 400} for a chunk of one method. */
  private static String range(List<Numbered> chunk) {
    int first = chunk.get(0).number();
    int last = chunk.get(chunk.size() - 1).number();
    return first == last ? String.valueOf(first) : first + "To" + last;
  }

  private List<List<Numbered>> chunks(List<Numbered> methods) {
    List<List<Numbered>> chunks = new ArrayList<>();
    for (int from = 0; from < methods.size(); from += chunk) {
      chunks.add(methods.subList(from, Math.min(methods.size(), from + chunk)));
    }
    return chunks;
  }

  /** {@code "billing", "mail"}. */
  private static CodeBlock strings(List<String> values) {
    List<CodeBlock> literals = new ArrayList<>();
    values.forEach(v -> literals.add(CodeBlock.of("$S", v)));
    return CodeBlock.join(literals, ", ");
  }

  /**
   * The handler class. In the binding's package, JavaPoet writes it as {@code Outer.Inner}, and
   * drops an import that would clash with it (a handler class named {@code List} or {@code
   * JobFailed}) in favour of the other type's qualified name.
   */
  private static ClassName handlerName(HandlerModel h) {
    List<String> names = h.simpleNames();
    return ClassName.get(
        h.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
  }

  /** {@code Repository<?, ?>} for a generic handler class, else the class. */
  private static TypeName instanceType(HandlerModel h) {
    if (h.typeParameterCount() == 0) {
      return handlerName(h);
    }
    return ParameterizedTypeName.get(
        handlerName(h),
        Collections.nCopies(h.typeParameterCount(), WildcardTypeName.subtypeOf(Object.class))
            .toArray(new TypeName[0]));
  }

  private static ClassName eventClass(HandlerModel.Method m) {
    return ClassName.get(KnownTypes.API_PACKAGE, m.eventSimpleName());
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }
}
