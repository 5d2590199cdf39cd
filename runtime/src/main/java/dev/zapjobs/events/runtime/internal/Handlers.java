package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The handler methods of one dispatcher: by position, by the kind of event they take, by id. */
final class Handlers {
  /** Every handler, in a stable order (the order of the ids and of the stats). */
  final Handler[] all;

  /** The distinct filters of the handlers that have one: they count intake drops themselves. */
  final EventFilter[] filters;

  final List<HandlerId> ids;

  private final Handler[][] byKind = new Handler[EventKinds.COUNT][];
  private final Map<HandlerId, Integer> positions = new HashMap<>();

  Handlers(List<HandlerSpec> specs, Observers observers, Interceptors interceptors, boolean sync) {
    all = new Handler[specs.size()];
    List<HandlerId> idList = new ArrayList<>(all.length);
    List<EventFilter> distinct = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      Handler h = new Handler(specs.get(i), observers, interceptors, sync);
      all[i] = h;
      idList.add(h.id);
      positions.put(h.id, i);
      if (h.filter != null && !distinct.contains(h.filter)) { // identity: no equals
        distinct.add(h.filter);
      }
    }
    ids = List.copyOf(idList);
    filters = distinct.toArray(new EventFilter[0]);
    for (int k = 0; k < EventKinds.COUNT; k++) {
      List<Handler> list = new ArrayList<>();
      for (Handler h : all) {
        if ((h.mask & (1 << k)) != 0) {
          list.add(h);
        }
      }
      byKind[k] = list.toArray(new Handler[0]);
    }
  }

  /** The handlers that take events of kind {@code kind}, filters aside. */
  Handler[] ofKind(int kind) {
    return byKind[kind];
  }

  /** How many handler methods {@code e} is delivered to (their filters accept it). */
  int count(JobEvent e) {
    Handler[] candidates = byKind[EventKinds.of(e)];
    if (filters.length == 0) {
      return candidates.length;
    }
    int n = 0;
    for (Handler h : candidates) {
      if (h.accepts(e)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The position of the handler with this id in {@link #all}.
   *
   * @throws NoSuchElementException if there is none (the message lists the ids there are)
   */
  int positionOf(HandlerId id) {
    Integer i = positions.get(id);
    if (i == null) {
      throw new NoSuchElementException("no handler " + id + "; handlers: " + ids);
    }
    return i;
  }
}
