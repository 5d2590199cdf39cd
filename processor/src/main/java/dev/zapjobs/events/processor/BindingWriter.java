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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the binding of one package ({@link BindingModel}) with JavaPoet: plain, deterministic Java
 * with a table of {@code HandlerMethod}s and a direct call per handler method in one {@code
 * switch}. The output compiles cleanly under {@code -Xlint:all -Werror}: no raw types, no unchecked
 * or redundant casts, {@code @Override} everywhere. Types of {@code java.lang} are imported
 * explicitly (JavaPoet's default), so a class of the handlers' package named {@code Override} or
 * {@code Object} cannot capture them, and no lookup in that package is needed to know it.
 *
 * <p>The repetitive bodies (a table entry, a {@code case} of each switch per method) are handed to
 * JavaPoet as text, through {@link Code}: JavaPoet still places every type (imports, or qualified
 * names where two referenced types share a simple name), but parses a few arguments per file
 * instead of a dozen per handler method. It runs interpreted in a cold compiler, and at a thousand
 * handler methods that difference is most of the processor's time.
 *
 * <p>Large packages are split: the table and both switches go into helper methods of at most
 * {@value #CHUNK} methods each, so that every generated method stays far below the 8,000 bytes of
 * bytecode above which HotSpot does not compile a method, and below the JVM's 64 KB limit.
 */
final class BindingWriter {
  /** Handler methods per helper method of a large binding. */
  static final int CHUNK = 200;

  private static final ClassName JOB_EVENT = ClassName.get(KnownTypes.API_PACKAGE, "JobEvent");
  private static final ClassName HANDLER_BINDING =
      ClassName.get(KnownTypes.RUNTIME_SPI, "HandlerBinding");
  private static final ClassName HANDLER_METHOD =
      ClassName.get(KnownTypes.RUNTIME_SPI, "HandlerMethod");
  private static final ClassName INDEXED_HANDLERS =
      ClassName.get(KnownTypes.RUNTIME_SPI, "IndexedHandlers");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  private static final ClassName COMPLETION_STAGE =
      ClassName.get("java.util.concurrent", "CompletionStage");
  private static final ClassName OUT_OF_BOUNDS = ClassName.get(IndexOutOfBoundsException.class);
  private static final TypeName METHOD_LIST = ParameterizedTypeName.get(LIST, HANDLER_METHOD);
  private static final TypeName ANY_STAGE =
      ParameterizedTypeName.get(COMPLETION_STAGE, WildcardTypeName.subtypeOf(Object.class));

  /** Types the generated class names outside its bodies (signatures, annotations). */
  private static final List<ClassName> SIGNATURE_TYPES =
      List.of(
          JOB_EVENT,
          HANDLER_BINDING,
          HANDLER_METHOD,
          INDEXED_HANDLERS,
          LIST,
          COMPLETION_STAGE,
          ClassName.OBJECT,
          ClassName.get(Override.class),
          ClassName.get(Throwable.class),
          ClassName.get(SuppressWarnings.class),
          ClassName.get(String.class));

  private final ClassName generatedAnnotation;
  private final int chunk;

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
    Code.Types types = new Code.Types(binding, generatedAnnotation, SIGNATURE_TYPES);
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
      type.addMethod(override("methods", METHOD_LIST).addCode(table(types, methods)).build());
      type.addMethod(
          newInstance(override("newInstance", ClassName.OBJECT), types, methods).build());
      type.addMethod(invoke(override("invoke", ANY_STAGE), types, methods, where).build());
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
                .addCode(table(types, chunk))
                .build());
      }
      for (List<Numbered> chunk : chunks) {
        type.addMethod(
            newInstance(helper("newInstance" + range(chunk), ClassName.OBJECT, chunk), types, chunk)
                .build());
      }
      for (List<Numbered> chunk : chunks) {
        type.addMethod(
            invoke(helper("invoke" + range(chunk), ANY_STAGE, chunk), types, chunk, where).build());
      }
    }
    return JavaFile.builder(binding.packageName(), type.build())
        .addFileComment("Generated by the ZapJobs Events annotation processor. Do not edit.")
        .build();
  }

  /**
   * {@code return List.of(HandlerMethod.instanceMethod(Alerts.class, "Alerts", "onFailed", …),
   * …);}: the class's name as written goes along, so that names stay readable when a shrinker
   * renames it.
   */
  private static CodeBlock table(Code.Types types, List<Numbered> methods) {
    Code code = new Code(types).text("return ").type(LIST).text(".of(\n");
    for (int i = 0; i < methods.size(); i++) {
      Numbered n = methods.get(i);
      HandlerModel.Method m = n.method();
      code.text("    ")
          .type(HANDLER_METHOD)
          .text(m.isStatic() ? ".staticMethod(" : ".instanceMethod(")
          .type(handlerName(n.handler()))
          .text(".class, \"")
          .text(n.handler().displayName())
          .text("\", \"")
          .text(m.name())
          .text("\", ")
          .type(eventClass(m))
          .text(".class)");
      if (m.async()) {
        code.text(".async()");
      }
      if (!m.jobTypes().isEmpty()) {
        code.text(".withJobTypes(").text(strings(m.jobTypes()).toString()).text(")");
      }
      if (!m.queues().isEmpty()) {
        code.text(".withQueues(").text(strings(m.queues()).toString()).text(")");
      }
      code.text(i == methods.size() - 1 ? ");\n" : ",\n");
    }
    return code.build();
  }

  /** {@code case 0: case 1: return new Alerts();} for each class that can be made. */
  private static MethodSpec.Builder newInstance(
      MethodSpec.Builder method, Code.Types types, List<Numbered> methods) {
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
    Code code = new Code(types);
    for (int i = 0; i < made.size(); i++) {
      Numbered n = made.get(i);
      code.text("case " + n.number() + ":\n");
      boolean lastOfClass = i == made.size() - 1 || made.get(i + 1).handler() != n.handler();
      if (lastOfClass) {
        HandlerModel h = n.handler();
        if (h.instantiation() == HandlerModel.Instantiation.ENUM_CONSTANT) {
          code.text("  return ").type(handlerName(h)).text("." + h.enumConstant() + ";\n");
        } else {
          code.text("  return new ")
              .type(handlerName(h))
              .text(h.typeParameterCount() == 0 ? "();\n" : "<>();\n");
        }
      }
    }
    code.text("default:\n  return null;\n");
    return method.beginControlFlow("switch (method)").addCode(code.build()).endControlFlow();
  }

  /** {@code case 0: ((Alerts) handler).onFailed((JobFailed) event); return null;} per method. */
  private static MethodSpec.Builder invoke(
      MethodSpec.Builder method, Code.Types types, List<Numbered> methods, String where) {
    method
        .addParameter(Object.class, "handler")
        .addParameter(int.class, "method")
        .addParameter(JOB_EVENT, "event")
        .addException(Throwable.class);
    Code code = new Code(types);
    for (Numbered n : methods) {
      HandlerModel.Method m = n.method();
      HandlerModel h = n.handler();
      code.text("case " + n.number() + ":\n  ").text(m.async() ? "return " : "");
      if (m.isStatic()) {
        code.type(handlerName(h));
      } else {
        code.text("((").type(handlerName(h));
        if (h.typeParameterCount() > 0) {
          code.text(
              "<" + String.join(", ", Collections.nCopies(h.typeParameterCount(), "?")) + ">");
        }
        code.text(") handler)");
      }
      code.text("." + m.name() + "(");
      if (m.eventSimpleName().equals("JobEvent")) {
        code.text("event");
      } else {
        code.text("(").type(eventClass(m)).text(") event");
      }
      code.text(m.async() ? ");\n" : ");\n  return null;\n");
    }
    code.text("default:\n  throw new ")
        .type(OUT_OF_BOUNDS)
        .text("(\"no handler method \" + method + ")
        .text(CodeBlock.of("$S", where).toString())
        .text(");\n");
    return method.beginControlFlow("switch (method)").addCode(code.build()).endControlFlow();
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

  /** The handler class; in the binding's package, JavaPoet writes it as {@code Outer.Inner}. */
  static ClassName handlerName(HandlerModel h) {
    List<String> names = h.simpleNames();
    return ClassName.get(
        h.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
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

  /**
   * A method body built as text, handed to JavaPoet with few format arguments. A type goes through
   * {@code $T} the first time the file names it, so that JavaPoet imports it (or, for a class of
   * the binding's package, knows it is used), and every time when its simple name is shared with
   * another type the file names, so that JavaPoet qualifies it; otherwise it is written as JavaPoet
   * would write it, by its simple name.
   */
  static final class Code {
    /** What the file names, for one file: which simple names clash, which types were seen. */
    static final class Types {
      private final Set<String> clashing = new HashSet<>();
      private final Set<ClassName> seen = new HashSet<>();

      Types(BindingModel binding, ClassName generated, List<ClassName> signatureTypes) {
        Map<String, ClassName> bySimpleName = new HashMap<>();
        List<ClassName> all = new ArrayList<>(signatureTypes);
        all.addAll(List.of(ARRAY_LIST, OUT_OF_BOUNDS));
        if (generated != null) {
          all.add(generated);
        }
        for (String event : KnownTypes.EVENT_RECORDS) {
          all.add(ClassName.get(KnownTypes.API_PACKAGE, event));
        }
        for (HandlerModel h : binding.handlers()) {
          all.add(handlerName(h).topLevelClassName());
        }
        clashing.add(binding.simpleName());
        for (ClassName type : all) {
          ClassName other = bySimpleName.putIfAbsent(type.simpleName(), type);
          if (other != null && !other.equals(type)) {
            clashing.add(type.simpleName());
          }
        }
      }
    }

    private final Types types;
    private final CodeBlock.Builder block = CodeBlock.builder();
    private final StringBuilder text = new StringBuilder();

    Code(Types types) {
      this.types = types;
    }

    Code text(String s) {
      text.append(s);
      return this;
    }

    Code type(ClassName type) {
      ClassName top = type.topLevelClassName();
      if (!types.clashing.contains(top.simpleName()) && !types.seen.add(top)) {
        text.append(String.join(".", type.simpleNames()));
      } else {
        flush();
        block.add("$T", type);
      }
      return this;
    }

    CodeBlock build() {
      flush();
      return block.build();
    }

    private void flush() {
      if (text.length() > 0) {
        block.add("$L", text.toString());
        text.setLength(0);
      }
    }
  }
}
