/**
 * The Quartz adapter: {@link dev.zapjobs.events.quartz.ZapJobsQuartz#install} makes a Quartz
 * scheduler publish the five job lifecycle events, with retries ({@link
 * dev.zapjobs.events.quartz.RetryPolicy}) that Quartz lacks.
 */
package dev.zapjobs.events.quartz;
