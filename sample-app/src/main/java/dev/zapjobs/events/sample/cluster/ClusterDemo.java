package dev.zapjobs.events.sample.cluster;

/**
 * The {@code cluster} mode of the sample app: {@code cluster} runs the operations node, which
 * starts the broker and the two workers ({@code cluster worker NAME BOOTSTRAP TOPIC}, in processes
 * of their own).
 */
public final class ClusterDemo {
  /** The topic the workers forward to. */
  static final String TOPIC = "zapjobs-events";

  /** How many worker nodes the operations node starts. */
  static final int WORKERS = 2;

  private ClusterDemo() {}

  /**
   * If the first argument is {@code cluster}, runs the operations node (or with {@code cluster
   * worker NAME BOOTSTRAP TOPIC} a worker node) and exits the JVM with its status; otherwise
   * returns at once.
   *
   * @param args the sample app's arguments
   */
  public static void runIfRequested(String[] args) {
    if (args.length == 0 || !args[0].equals("cluster")) {
      return;
    }
    quietLogging();
    int status;
    try {
      status =
          args.length >= 5 && args[1].equals("worker")
              ? WorkerNode.run(args[2], args[3], args[4])
              : OperationsNode.run();
    } catch (NoClassDefFoundError e) {
      System.out.println(
          "The cluster demo runs from the -cluster jar (its Kafka libraries are beside it):\n"
              + "  java -jar sample-app/target/zapjobs-events-sample-app-cluster.jar cluster");
      status = 2;
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** The broker and the Kafka clients log at WARN; the demo's own lines stay visible. */
  private static void quietLogging() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.dev.zapjobs.events.kafka", "info");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
  }
}
