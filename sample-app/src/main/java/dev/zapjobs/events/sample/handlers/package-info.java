/**
 * Example {@code @OnJobEvent} handlers: what users build (a log line per event, per-job-type
 * metrics, a dead-letter alert, an async audit trail) and two deliberately faulty ones (one throws
 * on every event, one is slow) that show the jobs never notice.
 */
package dev.zapjobs.events.sample.handlers;
