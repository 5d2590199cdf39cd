/**
 * The same application with a Guava EventBus subscriber in the same closed package: the module
 * neither exports nor opens com.example.app.handlers.
 */
module com.example.app {
  requires dev.zapjobs.events; // the same event types
  requires com.google.common;
}
