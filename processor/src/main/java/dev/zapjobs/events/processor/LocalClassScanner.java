package dev.zapjobs.events.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Finds {@code @OnJobEvent} methods in local and anonymous classes, which javac never hands to a
 * processor (they live inside method bodies), and reports them where they are. Works on javac's
 * syntax trees; on a compiler or build tool without them (ECJ, Gradle's incremental wrapper) it
 * does nothing, and such methods are simply never bound.
 */
final class LocalClassScanner {
  private final Trees trees;

  private LocalClassScanner(Trees trees) {
    this.trees = trees;
  }

  /** A scanner, or null when the compiler offers no syntax trees. */
  static LocalClassScanner create(ProcessingEnvironment env) {
    try {
      return new LocalClassScanner(Trees.instance(env));
    } catch (RuntimeException | LinkageError notJavac) {
      return null;
    }
  }

  /** javac's syntax trees. */
  Trees trees() {
    return trees;
  }

  /** Reports every annotated method of a local or anonymous class inside {@code root}. */
  void scan(Element root) {
    TreePath path = trees.getPath(root);
    if (path != null) {
      new Scanner(path.getCompilationUnit()).scan(path, null);
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final boolean imported;
    private int localDepth;

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
      boolean found = false;
      for (ImportTree i : unit.getImports()) {
        String name = i.getQualifiedIdentifier().toString();
        found |=
            !i.isStatic()
                && (name.equals(KnownTypes.ON_JOB_EVENT)
                    || name.equals(KnownTypes.API_PACKAGE + ".*"));
      }
      String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      this.imported = found || pkg.equals(KnownTypes.API_PACKAGE);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Tree.Kind parent = getCurrentPath().getParentPath().getLeaf().getKind();
      boolean local = localDepth > 0 || (parent != Tree.Kind.COMPILATION_UNIT && !isClass(parent));
      if (!local) {
        return super.visitClass(tree, unused);
      }
      for (Tree member : tree.getMembers()) {
        if (member instanceof MethodTree method) {
          for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
            if (isOnJobEvent(annotation.getAnnotationType().toString())) {
              // On the annotation, as HandlerValidator reports the other method errors.
              trees.printMessage(
                  Diagnostic.Kind.ERROR, Message.LOCAL_CLASS.format(), annotation, unit);
            }
          }
        }
      }
      localDepth++;
      try {
        return super.visitClass(tree, unused);
      } finally {
        localDepth--;
      }
    }

    private boolean isOnJobEvent(String name) {
      return name.equals(KnownTypes.ON_JOB_EVENT) || (imported && name.equals("OnJobEvent"));
    }

    private boolean isClass(Tree.Kind kind) {
      return kind == Tree.Kind.CLASS
          || kind == Tree.Kind.INTERFACE
          || kind == Tree.Kind.ENUM
          || kind == Tree.Kind.RECORD
          || kind == Tree.Kind.ANNOTATION_TYPE;
    }
  }
}
