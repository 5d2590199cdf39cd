/** The ZapJobs Events API: the {@code @OnJobEvent} annotation and the job lifecycle events. */
module dev.zapjobs.events {
  exports dev.zapjobs.events;
}
