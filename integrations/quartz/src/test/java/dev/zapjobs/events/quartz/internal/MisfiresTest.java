package dev.zapjobs.events.quartz.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quartz.CalendarIntervalScheduleBuilder.calendarIntervalSchedule;
import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.DailyTimeIntervalScheduleBuilder.dailyTimeIntervalSchedule;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.quartz.ScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

/**
 * Which misfire instructions skip the missed fire, read the way Quartz's own triggers apply them:
 * each case is checked against what the trigger itself does in {@code updateAfterMisfire}.
 */
class MisfiresTest {
  private static final Instant NOW = Instant.now();
  private static final Date LONG_AGO = Date.from(NOW.minus(Duration.ofHours(1)));

  @Test
  void simpleTriggers() {
    assertSkips(simpleSchedule(), false); // one-shot, SMART_POLICY: FIRE_NOW
    assertSkips(simpleSchedule().withMisfireHandlingInstructionFireNow(), false);
    assertSkips(simpleSchedule().withMisfireHandlingInstructionNextWithRemainingCount(), true);
    assertSkips(simpleSchedule().withMisfireHandlingInstructionNextWithExistingCount(), true);
    assertSkips(simpleSchedule().withMisfireHandlingInstructionNowWithExistingCount(), false);
    assertSkips(simpleSchedule().withIntervalInMinutes(1).repeatForever(), true); // SMART
    assertSkips(simpleSchedule().withIntervalInMinutes(1).withRepeatCount(3), false); // SMART
    assertSkips(
        simpleSchedule()
            .withIntervalInMinutes(1)
            .withRepeatCount(3)
            .withMisfireHandlingInstructionFireNow(),
        false);
    Trigger pastItsEnd =
        newTrigger()
            .startAt(LONG_AGO)
            .endAt(Date.from(NOW.minusSeconds(60)))
            .withSchedule(
                simpleSchedule()
                    .withIntervalInMinutes(90)
                    .withRepeatCount(3)
                    .withMisfireHandlingInstructionNowWithRemainingCount())
            .build();
    assertThat(Misfires.skips(pastItsEnd, NOW.toEpochMilli())).isTrue();
    assertThat(quartzSkips(pastItsEnd)).isTrue();
  }

  @Test
  void cronTriggers() {
    assertSkips(cronSchedule("0 * * * * ?"), false); // SMART_POLICY: FIRE_ONCE_NOW
    assertSkips(cronSchedule("0 * * * * ?").withMisfireHandlingInstructionFireAndProceed(), false);
    assertSkips(cronSchedule("0 * * * * ?").withMisfireHandlingInstructionDoNothing(), true);
  }

  @Test
  void intervalTriggers() {
    assertSkips(calendarIntervalSchedule().withIntervalInMinutes(1), false);
    assertSkips(
        calendarIntervalSchedule()
            .withIntervalInMinutes(1)
            .withMisfireHandlingInstructionDoNothing(),
        true);
    assertSkips(dailyTimeIntervalSchedule().withIntervalInMinutes(1), false);
    assertSkips(
        dailyTimeIntervalSchedule()
            .withIntervalInMinutes(1)
            .withMisfireHandlingInstructionDoNothing(),
        true);
  }

  @Test
  void ignoreMisfirePolicy_neverSkips() {
    assertSkips(simpleSchedule().withMisfireHandlingInstructionIgnoreMisfires(), false);
    assertSkips(cronSchedule("0 * * * * ?").withMisfireHandlingInstructionIgnoreMisfires(), false);
  }

  private static void assertSkips(ScheduleBuilder<? extends Trigger> schedule, boolean skips) {
    Trigger trigger = newTrigger().startAt(LONG_AGO).withSchedule(schedule).build();
    assertThat(Misfires.skips(trigger, NOW.toEpochMilli()))
        .as(schedule.toString())
        .isEqualTo(skips);
    if (trigger.getMisfireInstruction() != Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY) {
      assertThat(quartzSkips(trigger)).as("what Quartz does").isEqualTo(skips);
    }
  }

  /** What the trigger itself does: after applying its instruction, is its next fire not now? */
  private static boolean quartzSkips(Trigger trigger) {
    OperableTrigger copy = (OperableTrigger) ((OperableTrigger) trigger).clone();
    copy.computeFirstFireTime(null);
    copy.updateAfterMisfire(null);
    Date next = copy.getNextFireTime();
    return next == null || next.after(new Date());
  }
}
