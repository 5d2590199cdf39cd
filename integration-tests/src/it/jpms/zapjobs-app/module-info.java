/**
 * A modular application that uses ZapJobs Events. Its handlers live in com.example.app.handlers and
 * com.example.app.billing, which this module neither exports nor opens: no other module, ours
 * included, may reflect on them.
 */
module com.example.app {
  requires dev.zapjobs.events.runtime; // and, transitively, dev.zapjobs.events (the event types)

  // Registers the generated binding of each handler package for ServiceLoader on the module path
  // (the META-INF/services file that the processor also writes serves the class path only). The
  // processor checks that every binding it generated for this module is listed.
  provides dev.zapjobs.events.runtime.spi.HandlerBinding with
      com.example.app.billing.ZapJobs_HandlerBinding,
      com.example.app.handlers.ZapJobs_HandlerBinding;
}
