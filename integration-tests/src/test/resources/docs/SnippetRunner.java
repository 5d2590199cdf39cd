package zapjobs.docs.check;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Compiled with every checked docs snippet and run in the snippet's own class loader (the docs'
 * class path and the snippet's classes, nothing of the build's): runs the statement blocks, then
 * the JUnit tests. Returns one problem per line, then the number of tests run.
 */
public final class SnippetRunner {
  private SnippetRunner() {}

  public static String run(String[] statementClasses, String[] classes) throws Exception {
    ClassLoader loader = SnippetRunner.class.getClassLoader();
    List<String> problems = new ArrayList<>();
    for (String name : statementClasses) {
      Class<?> type = Class.forName(name, true, loader);
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      Method snippet = type.getDeclaredMethod("snippet");
      snippet.setAccessible(true);
      try {
        snippet.invoke(constructor.newInstance());
      } catch (InvocationTargetException e) {
        problems.add(name + ": the statements threw " + e.getCause());
      }
    }
    List<ClassSelector> selectors = new ArrayList<>();
    for (String name : classes) {
      selectors.add(selectClass(Class.forName(name, false, loader)));
    }
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectors.toArray(ClassSelector[]::new))
            .execute()
            .testEvents();
    tests.failed().stream()
        .forEach(
            e ->
                problems.add(
                    "test "
                        + e.getTestDescriptor().getDisplayName()
                        + " failed: "
                        + e.getRequiredPayload(TestExecutionResult.class)
                            .getThrowable()
                            .map(Throwable::toString)
                            .orElse("?")));
    problems.add(String.valueOf(tests.started().count()));
    return String.join("\n", problems);
  }
}
