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
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code HandlerBinding} of one {@link HandlerModel}: plain, deterministic Java with a
 * direct call per handler method in a {@code switch}. The output compiles cleanly under {@code
 * -Xlint:all -Werror}: no raw types, no unchecked or redundant casts, {@code @Override} everywhere.
 */
final class BindingWriter {
  private static final ClassName JOB_EVENT = ClassName.get(KnownTypes.API_PACKAGE, "JobEvent");
  private static final ClassName HANDLER_BINDING =
      ClassName.get(KnownTypes.RUNTIME_SPI, "HandlerBinding");
  private static final ClassName COMPLETION_STAGE =
      ClassName.get("java.util.concurrent", "CompletionStage");
  private static final TypeName ANY_STAGE =
      ParameterizedTypeName.get(COMPLETION_STAGE, WildcardTypeName.subtypeOf(Object.class));
  private static final TypeName ANY_CLASS =
      ParameterizedTypeName.get(
          ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));
  private static final TypeName EVENT_CLASS =
      ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(JOB_EVENT));

  private final ClassName generatedAnnotation;

  /**
   * @param generatedAnnotation {@code javax.annotation.processing.Generated}, or null when the
   *     target platform has none
   */
  BindingWriter(ClassName generatedAnnotation) {
    this.generatedAnnotation = generatedAnnotation;
  }

  /**
   * The binding's source text: from {@link BindingTemplate} when it can write it, which is the
   * common case and much cheaper, otherwise from JavaPoet; the text is the same either way.
   */
  String source(HandlerModel model) {
    String source = BindingTemplate.source(model, generatedAnnotation != null);
    return source != null ? source : write(model).toString();
  }

  JavaFile write(HandlerModel model) {
    ClassName handler =
        ClassName.get(
            model.packageName(),
            model.simpleNames().get(0),
            model.simpleNames().subList(1, model.simpleNames().size()).toArray(new String[0]));
    TypeName instanceType =
        model.typeParameterCount() == 0
            ? handler
            : ParameterizedTypeName.get(
                handler,
                Collections.nCopies(
                        model.typeParameterCount(), WildcardTypeName.subtypeOf(Object.class))
                    .toArray(new TypeName[0]));
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.bindingSimpleName())
            .addJavadoc(
                "Reflection-free binding of the {@code @OnJobEvent} methods of {@link $T}.\n",
                handler)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(HANDLER_BINDING)
            .addOriginatingElement(model.element());
    if (generatedAnnotation != null) {
      type.addAnnotation(
          AnnotationSpec.builder(generatedAnnotation)
              .addMember("value", "$S", JobEventProcessor.class.getCanonicalName())
              .build());
    }
    if (model.deprecated()) {
      type.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "{$S, $S}", "deprecation", "removal")
              .build());
    }
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc("Creates the binding; {@link java.util.ServiceLoader} calls this.\n")
            .addModifiers(Modifier.PUBLIC)
            .build());
    type.addMethod(
        override("handlerClass", ANY_CLASS).addStatement("return $T.class", handler).build());
    type.addMethod(
        override("needsInstance", TypeName.BOOLEAN)
            .addStatement("return $L", model.needsInstance())
            .build());
    type.addMethod(newInstance(model, handler, instanceType));
    type.addMethod(
        override("methodCount", TypeName.INT)
            .addStatement("return $L", model.methods().size())
            .build());
    type.addMethod(
        indexed(
            "methodName",
            TypeName.get(String.class),
            model.methods(),
            m -> CodeBlock.of("return $S;\n", model.displayName() + "." + m.signature())));
    type.addMethod(
        indexed(
            "eventType",
            EVENT_CLASS,
            model.methods(),
            m -> CodeBlock.of("return $T.class;\n", eventClass(m))));
    type.addMethod(
        indexed("invoke", ANY_STAGE, model.methods(), m -> invocation(m, handler, instanceType))
            .toBuilder()
            .addException(Throwable.class)
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("noSuchMethod")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(IndexOutOfBoundsException.class)
            .addParameter(int.class, "method")
            .addStatement(
                "return new $T($S + method + $S)",
                IndexOutOfBoundsException.class,
                "no handler method ",
                " in " + model.displayName() + " (" + model.methods().size() + " methods)")
            .build());
    return JavaFile.builder(model.packageName(), type.build())
        .addFileComment("Generated by the ZapJobs Events annotation processor. Do not edit.")
        .skipJavaLangImports(!model.javaLangShadowed())
        .build();
  }

  private static MethodSpec newInstance(
      HandlerModel model, ClassName handler, TypeName instanceType) {
    MethodSpec.Builder method = override("newInstance", ClassName.OBJECT);
    String create = model.typeParameterCount() == 0 ? "new $T()" : "new $T<>()";
    switch (model.instantiation()) {
      case NONE -> method.addStatement("return null");
      case ENUM_CONSTANT -> method.addStatement("return $T.$N", handler, model.enumConstant());
      case CONSTRUCTOR -> method.addStatement("return " + create, handler);
      case CONSTRUCTOR_THROWING ->
          method
              .beginControlFlow("try")
              .addStatement("return " + create, handler)
              .nextControlFlow("catch ($T | $T e)", RuntimeException.class, Error.class)
              .addStatement("throw e")
              .nextControlFlow("catch ($T e)", Throwable.class)
              .addStatement(
                  "throw new $T($S, e)",
                  IllegalStateException.class,
                  "the constructor of " + model.displayName() + " threw")
              .endControlFlow();
    }
    return method.build();
  }

  private static CodeBlock invocation(
      HandlerModel.Method m, ClassName handler, TypeName instanceType) {
    CodeBlock receiver =
        m.isStatic() ? CodeBlock.of("$T", handler) : CodeBlock.of("(($T) handler)", instanceType);
    CodeBlock argument =
        m.eventSimpleName().equals("JobEvent")
            ? CodeBlock.of("event")
            : CodeBlock.of("($T) event", eventClass(m));
    CodeBlock call = CodeBlock.of("$L.$N($L)", receiver, m.name(), argument);
    return m.async()
        ? CodeBlock.of("return $L;\n", call)
        : CodeBlock.of("$L;\nreturn null;\n", call);
  }

  private static ClassName eventClass(HandlerModel.Method m) {
    return ClassName.get(KnownTypes.API_PACKAGE, m.eventSimpleName());
  }

  /** {@code switch (method) { case i: ...; default: throw noSuchMethod(method); }}. */
  private static MethodSpec indexed(
      String name,
      TypeName returns,
      List<HandlerModel.Method> methods,
      Function<HandlerModel.Method, CodeBlock> body) {
    MethodSpec.Builder method = override(name, returns);
    if (name.equals("invoke")) {
      method.addParameter(Object.class, "handler");
      method.addParameter(int.class, "method");
      method.addParameter(JOB_EVENT, "event");
    } else {
      method.addParameter(int.class, "method");
    }
    method.beginControlFlow("switch (method)");
    for (int i = 0; i < methods.size(); i++) {
      method.addCode("case $L:\n$>", i).addCode(body.apply(methods.get(i))).addCode("$<");
    }
    method.addCode("default:\n$>").addStatement("throw noSuchMethod(method)").addCode("$<");
    method.endControlFlow();
    return method.build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }
}
