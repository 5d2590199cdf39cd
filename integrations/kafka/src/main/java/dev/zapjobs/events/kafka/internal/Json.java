package dev.zapjobs.events.kafka.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the codec needs, without reflection or dependencies: a writer of objects with
 * string, number, boolean and nested-object members, and a strict parser (RFC 8259) into maps,
 * lists, strings, {@link Num}s, booleans and {@link #NULL}. The parser accepts every JSON value, so
 * that a reader can skip members it does not know whatever their shape.
 */
public final class Json {
  /** A JSON {@code null} member: present, without a value (a missing member is absent instead). */
  public static final Object NULL = new Object();

  /** Nesting deeper than this is refused, so a hostile record cannot exhaust the stack. */
  static final int MAX_DEPTH = 32;

  private Json() {}

  /** A JSON number, kept as written so that integers are read exactly. */
  public record Num(String text) {}

  /** Thrown for text that is not JSON; the message says what and where. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParseException(String message, int at) {
      super(message + " at character " + at);
    }
  }

  // ------------------------------------------------------------------------------------- writing

  /** Writes one JSON object, member by member. Not thread-safe; one per record. */
  public static final class Writer {
    private final StringBuilder out;
    private final Writer parent;
    private boolean first = true;

    /** Starts an object. */
    public Writer() {
      this(new StringBuilder(256), null);
    }

    private Writer(StringBuilder out, Writer parent) {
      this.out = out;
      this.parent = parent;
      out.append('{');
    }

    private StringBuilder name(String name) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, name);
      return out.append(':');
    }

    /** A string member; omitted when {@code value} is null. */
    public Writer string(String name, String value) {
      if (value != null) {
        quote(name(name), value);
      }
      return this;
    }

    /** A number member. */
    public Writer number(String name, long value) {
      name(name).append(value);
      return this;
    }

    /** A boolean member. */
    public Writer bool(String name, boolean value) {
      name(name).append(value);
      return this;
    }

    /** Starts a nested object member; close it with {@link #end()}, which returns this writer. */
    public Writer object(String name) {
      name(name);
      return new Writer(out, this);
    }

    /** Closes this object; returns the enclosing writer for a nested one, else this. */
    public Writer end() {
      out.append('}');
      return parent != null ? parent : this;
    }

    /** The text written so far (call after the outermost {@link #end()}). */
    @Override
    public String toString() {
      return out.toString();
    }
  }

  /**
   * Appends {@code s} as a JSON string. Control characters and lone surrogates are escaped, so that
   * every Java string, even one that is not valid UTF-16, survives the trip exactly.
   */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || isLoneSurrogate(s, i)) {
            out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]);
            out.append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  // ------------------------------------------------------------------------------------- parsing

  /**
   * Parses one JSON value that spans the whole text.
   *
   * @return a {@code Map<String, Object>} (members in order), a {@code List<Object>}, a {@code
   *     String}, a {@link Num}, a {@code Boolean} or {@link #NULL}
   * @throws ParseException if the text is not exactly one JSON value, an object repeats a member
   *     name, or values nest deeper than 32 levels
   */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    p.skipWhitespace();
    Object value = p.value(0);
    p.skipWhitespace();
    if (p.pos < text.length()) {
      throw new ParseException("unexpected text after the JSON value", p.pos);
    }
    return value;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Object value(int depth) {
      if (pos >= s.length()) {
        throw new ParseException("unexpected end of input", pos);
      }
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> object(depth + 1);
        case '[' -> array(depth + 1);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", NULL);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw new ParseException("unexpected character '" + c + "'", pos);
        }
      };
    }

    private void checkDepth(int depth) {
      if (depth > MAX_DEPTH) {
        throw new ParseException("values nest deeper than " + MAX_DEPTH + " levels", pos);
      }
    }

    private Map<String, Object> object(int depth) {
      checkDepth(depth);
      pos++; // {
      Map<String, Object> members = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return members;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw new ParseException("expected a member name in quotes", pos);
        }
        int at = pos;
        String name = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        if (members.put(name, value(depth)) != null) {
          throw new ParseException("member \"" + name + "\" appears twice", at);
        }
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return members;
        }
        if (c != ',') {
          throw new ParseException("expected ',' or '}'", pos - 1);
        }
      }
    }

    private List<Object> array(int depth) {
      checkDepth(depth);
      pos++; // [
      List<Object> items = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return items;
      }
      while (true) {
        skipWhitespace();
        items.add(value(depth));
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return items;
        }
        if (c != ',') {
          throw new ParseException("expected ',' or ']'", pos - 1);
        }
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= s.length()) {
          throw new ParseException("unterminated string", start - 1);
        }
        char c = s.charAt(pos);
        if (c == '"') {
          String result =
              sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
          pos++;
          return result;
        }
        if (c < 0x20) {
          throw new ParseException("control character in a string (must be escaped)", pos);
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(s, start, pos);
          pos++;
          sb.append(escape());
          start = pos;
        } else {
          pos++;
        }
      }
    }

    private char escape() {
      char c = next();
      return switch (c) {
        case '"' -> '"';
        case '\\' -> '\\';
        case '/' -> '/';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw new ParseException("incomplete \\u escape", pos - 2);
          }
          int value = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(s.charAt(pos + i), 16);
            if (digit < 0) {
              throw new ParseException("invalid \\u escape", pos - 2);
            }
            value = value * 16 + digit;
          }
          pos += 4;
          yield (char) value;
        }
        default -> throw new ParseException("invalid escape '\\" + c + "'", pos - 2);
      };
    }

    private Num number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else {
        digits(start);
      }
      if (peek() == '.') {
        pos++;
        digits(start);
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        digits(start);
      }
      return new Num(s.substring(start, pos));
    }

    private void digits(int numberStart) {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == start) {
        throw new ParseException("malformed number", numberStart);
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw new ParseException("unexpected text", pos);
      }
      pos += word.length();
      return value;
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
      if (pos >= s.length()) {
        throw new ParseException("unexpected end of input", pos);
      }
      return s.charAt(pos++);
    }

    private void expect(char c) {
      if (next() != c) {
        throw new ParseException("expected '" + c + "'", pos - 1);
      }
    }
  }
}
