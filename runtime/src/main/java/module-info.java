/**
 * The ZapJobs Events runtime: {@link dev.zapjobs.events.runtime.JobEventDispatcher} and the SPI
 * that generated handler bindings implement.
 */
module dev.zapjobs.events.runtime {
  requires transitive dev.zapjobs.events;
  requires org.slf4j;

  exports dev.zapjobs.events.runtime;
  exports dev.zapjobs.events.runtime.spi;

  uses dev.zapjobs.events.runtime.spi.HandlerBinding;
}
