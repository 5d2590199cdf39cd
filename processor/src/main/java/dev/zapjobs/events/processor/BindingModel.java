package dev.zapjobs.events.processor;

import java.util.List;

/**
 * The binding of one package: its name and the handler classes it binds.
 *
 * @param packageName the package ({@code ""} for the unnamed package)
 * @param simpleName {@code ZapJobs_HandlerBinding}, or a numbered name (see {@link
 *     KnownTypes#BINDING_NAME})
 * @param handlers the handler classes, sorted by {@link HandlerModel#displayName()}; their methods
 *     are numbered in this order
 */
record BindingModel(String packageName, String simpleName, List<HandlerModel> handlers) {

  /** The generated class's qualified name. */
  String qualifiedName() {
    return qualified(packageName, simpleName);
  }

  /** How many handler methods the binding has. */
  int methodCount() {
    return handlers.stream().mapToInt(h -> h.methods().size()).sum();
  }

  static String qualified(String packageName, String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }
}
