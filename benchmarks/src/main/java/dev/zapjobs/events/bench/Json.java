package dev.zapjobs.events.bench;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Just enough JSON writing for the sidecar and the harnesses: maps, lists, numbers, strings. */
public final class Json {

  private Json() {}

  /** {@code fields} as a JSON object. */
  public static String object(Map<String, ?> fields) {
    return fields.entrySet().stream()
        .map(e -> string(e.getKey()) + ":" + value(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String value(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) map;
      return object(fields);
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(Json::value).collect(Collectors.joining(",", "[", "]"));
    }
    if (value instanceof double[] numbers) {
      return java.util.Arrays.stream(numbers)
          .mapToObj(Double::toString)
          .collect(Collectors.joining(",", "[", "]"));
    }
    return string(value.toString());
  }

  private static String string(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
