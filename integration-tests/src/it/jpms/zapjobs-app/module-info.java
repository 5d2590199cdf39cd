/**
 * A modular application that uses ZapJobs Events. Its handlers live in com.example.app.handlers,
 * which this module neither exports nor opens: no other module, ours included, may reflect on them.
 */
module com.example.app {
  requires dev.zapjobs.events.runtime; // and, transitively, dev.zapjobs.events (the event types)

  // Registers the generated binding for ServiceLoader on the module path (the META-INF/services
  // file that the processor also writes serves the class path only).
  provides dev.zapjobs.events.runtime.spi.HandlerBinding with
      com.example.app.handlers.AuditHandlers_JobEventHandlers;
}
