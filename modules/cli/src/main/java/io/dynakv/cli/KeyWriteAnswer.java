package io.dynakv.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a put or delete: 204 with the new context when only the written version
 * remains, 300 with every sibling when concurrent versions remain (the write succeeded in
 * both cases). Anything else is a failure.
 */
final class KeyWriteAnswer {

  private KeyWriteAnswer() {}

  static int print(DynakvCommand cli, Reply reply, String bucket, String key, String done, ContextSource context) {
    if (reply.status() != 204 && reply.status() != 200 && reply.status() != 300) {
      throw reply.failure();
    }
    context.save(reply.context());
    ObjectNode answer = Json.object();
    answer.put("bucket", bucket);
    answer.put("key", key);
    answer.put(done, true);
    answer.put("context", reply.context());
    ArrayNode siblings = reply.status() == 300 ? Siblings.of(reply.json()) : null;
    if (siblings != null) {
      answer.set("siblings", siblings);
    }
    if (cli.json()) {
      cli.printJson(answer);
    } else if (siblings == null) {
      cli.terminal().out().println(done + ", context " + reply.context());
    } else {
      cli.terminal().out().println(done + ", but the key has concurrent versions:");
      Siblings.describe(siblings, reply.context()).forEach(cli.terminal().out()::println);
    }
    return ExitCode.OK;
  }
}
