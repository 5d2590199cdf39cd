/**
 * Observability for ZapJobs Events with Micrometer: {@link
 * dev.zapjobs.events.micrometer.JobEventMetrics} (meters of every handler call, failure, drop and
 * queue), {@link dev.zapjobs.events.micrometer.ContextPropagatingInterceptor} (the job thread's
 * MDC, trace and other thread-locals inside each handler call) and {@link
 * dev.zapjobs.events.micrometer.ObservationInterceptor} (each handler call as an {@code
 * Observation}, a child span of the job's under a tracing bridge).
 */
package dev.zapjobs.events.micrometer;
