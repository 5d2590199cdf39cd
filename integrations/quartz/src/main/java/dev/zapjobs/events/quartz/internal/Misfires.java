package dev.zapjobs.events.quartz.internal;

import java.util.Date;
import org.quartz.CalendarIntervalTrigger;
import org.quartz.CronTrigger;
import org.quartz.DailyTimeIntervalTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

/**
 * Whether a misfired trigger's missed fire is skipped or fired late. Quartz tells listeners about a
 * misfire ({@code TriggerListener.triggerMisfired}) before it applies the trigger's misfire
 * instruction, and not afterwards; this reads the instruction the way the trigger will apply it.
 *
 * <table>
 *   <caption>Misfire instructions</caption>
 *   <tr><th>trigger</th><th>fires late</th><th>skips the missed fire</th></tr>
 *   <tr><td>SimpleTrigger</td><td>FIRE_NOW, RESCHEDULE_NOW_WITH_*; SMART_POLICY unless it repeats
 *       forever (unless past the end time)</td><td>RESCHEDULE_NEXT_WITH_*; SMART_POLICY when it
 *       repeats forever; RESCHEDULE_NOW_* past the end time</td></tr>
 *   <tr><td>CronTrigger, CalendarIntervalTrigger, DailyTimeIntervalTrigger</td>
 *       <td>FIRE_ONCE_NOW, SMART_POLICY</td><td>DO_NOTHING</td></tr>
 *   <tr><td>any</td><td>IGNORE_MISFIRE_POLICY (Quartz does not report the misfire)</td><td></td></tr>
 * </table>
 *
 * <p>Other trigger types are asked directly: a copy of the trigger applies its instruction, and the
 * fire is skipped if the copy's next fire time is not now.
 */
final class Misfires {
  private Misfires() {}

  /** Whether {@code trigger}, misfired, skips its next fire time rather than firing late. */
  static boolean skips(Trigger trigger, long nowMillis) {
    int instruction = trigger.getMisfireInstruction();
    if (instruction == Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY) {
      return false;
    }
    if (trigger instanceof SimpleTrigger simple) {
      return skips(simple, instruction, nowMillis);
    }
    if (trigger instanceof CronTrigger) {
      return instruction == CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING;
    }
    if (trigger instanceof CalendarIntervalTrigger) {
      return instruction == CalendarIntervalTrigger.MISFIRE_INSTRUCTION_DO_NOTHING;
    }
    if (trigger instanceof DailyTimeIntervalTrigger) {
      return instruction == DailyTimeIntervalTrigger.MISFIRE_INSTRUCTION_DO_NOTHING;
    }
    if (trigger instanceof OperableTrigger operable) {
      OperableTrigger copy = (OperableTrigger) operable.clone();
      copy.updateAfterMisfire(null);
      Date next = copy.getNextFireTime();
      return next == null || next.getTime() > System.currentTimeMillis();
    }
    return false;
  }

  private static boolean skips(SimpleTrigger trigger, int instruction, long nowMillis) {
    int repeat = trigger.getRepeatCount();
    int effective = instruction;
    if (effective == Trigger.MISFIRE_INSTRUCTION_SMART_POLICY) {
      if (repeat == 0) {
        effective = SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW;
      } else if (repeat == SimpleTrigger.REPEAT_INDEFINITELY) {
        effective = SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT;
      } else {
        effective = SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT;
      }
    } else if (effective == SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW && repeat != 0) {
      effective = SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT;
    }
    switch (effective) {
      case SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW:
        return false;
      case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT:
      case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT:
        Date end = trigger.getEndTime();
        return end != null && end.getTime() < nowMillis;
      case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_EXISTING_COUNT:
      case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT:
        return true;
      default:
        return false; // an unknown instruction: Quartz leaves the trigger as it is, and fires it
    }
  }

  /** The name of {@code trigger}'s misfire instruction, for the {@code JobFailed} message. */
  static String instructionName(Trigger trigger) {
    int instruction = trigger.getMisfireInstruction();
    if (instruction == Trigger.MISFIRE_INSTRUCTION_SMART_POLICY) {
      return "SMART_POLICY";
    }
    if (trigger instanceof SimpleTrigger) {
      switch (instruction) {
        case SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW:
          return "FIRE_NOW";
        case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT:
          return "RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT";
        case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT:
          return "RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT";
        case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT:
          return "RESCHEDULE_NEXT_WITH_REMAINING_COUNT";
        case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_EXISTING_COUNT:
          return "RESCHEDULE_NEXT_WITH_EXISTING_COUNT";
        default:
          return Integer.toString(instruction);
      }
    }
    if (instruction == CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING
        && (trigger instanceof CronTrigger
            || trigger instanceof CalendarIntervalTrigger
            || trigger instanceof DailyTimeIntervalTrigger)) {
      return "DO_NOTHING";
    }
    return Integer.toString(instruction);
  }
}
