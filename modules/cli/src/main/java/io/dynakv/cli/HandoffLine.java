package io.dynakv.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One poll of a handoff watch as a line of text, or as a JSON object (one per line). */
final class HandoffLine {

  static final int BAR_WIDTH = 20;

  private HandoffLine() {}

  static String text(HandoffSnapshot s, HandoffProgress.View v) {
    StringBuilder line = new StringBuilder();
    if (s.reachable() == 0) {
      line.append("no node answered");
    } else if (s.done()) {
      line.append("epoch ").append(s.epoch()).append(" settled: nothing left to hand off");
    } else {
      if (v.copying()) {
        line.append("epoch ")
            .append(s.epoch())
            .append(" in transition (")
            .append(s.movingPartitions())
            .append(" partitions change owner) ")
            .append(ProgressBar.render(v.fraction(), BAR_WIDTH))
            .append(" ")
            .append(v.copiesDone())
            .append("/")
            .append(v.copiesTotal())
            .append(" partition copies done");
      } else {
        line.append("epoch ")
            .append(s.epoch())
            .append(" settled, handing off ")
            .append(ProgressBar.render(v.fraction(), BAR_WIDTH))
            .append(" ")
            .append(s.pendingTransfers())
            .append(s.pendingTransfers() == 1 ? " transfer" : " transfers")
            .append(" left");
      }
      line.append(", ")
          .append(s.pendingObjects())
          .append(" objects pending, ")
          .append(Sizes.rate(s.objectsPerSecond()))
          .append(" obj/s, ETA ")
          .append(v.etaSeconds().isPresent() ? Sizes.clock(v.etaSeconds().getAsLong()) : "--:--");
    }
    if (!s.unreachable().isEmpty()) {
      line.append(" (no answer from ").append(String.join(", ", s.unreachable())).append(")");
    }
    return line.toString();
  }

  static ObjectNode json(HandoffSnapshot s, HandoffProgress.View v) {
    ObjectNode o = Json.object();
    o.put("epoch", s.epoch());
    o.put("ringInTransition", s.ringInTransition());
    o.put("inTransition", s.inTransition());
    o.put("movingPartitions", s.movingPartitions());
    o.put("copiesLeft", s.copiesLeft());
    o.put("copiesDone", v.copiesDone());
    o.put("copiesTotal", v.copiesTotal());
    o.put("pendingTransfers", s.pendingTransfers());
    o.put("pendingObjects", s.pendingObjects());
    o.put("objectsPerSecond", Math.round(s.objectsPerSecond() * 10) / 10.0);
    o.put("objectsSent", s.objectsSent());
    o.put("progress", Math.round(v.fraction() * 1000) / 1000.0);
    if (v.etaSeconds().isPresent()) {
      o.put("etaSeconds", v.etaSeconds().getAsLong());
    } else {
      o.putNull("etaSeconds");
    }
    o.put("done", s.done());
    o.putArray("unreachable").addAll(s.unreachable().stream().map(o::textNode).toList());
    return o;
  }
}
