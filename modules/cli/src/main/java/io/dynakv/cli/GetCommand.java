package io.dynakv.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv get BUCKET KEY}: prints a key's value, or its siblings and their context. */
@Command(
    name = "get",
    header = "Reads a key: its value, or its siblings and context.",
    description = {
      "Reads a key (GET /v1/buckets/BUCKET/keys/KEY). One value is printed as it is, byte for byte. Concurrent versions (siblings) are listed one after the other with content type and time, then the context that covers them all: a put with that context replaces them. A missing key exits 4.",
      "With --json: {\"bucket\", \"key\", \"found\", \"context\", \"siblings\": [{\"contentType\", \"value\" (base64), \"text\" (when textual), \"lastModified\" (siblings only)} or {\"deleted\": true, ...}]}."
    })
final class GetCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(index = "0", paramLabel = "BUCKET")
  private String bucket;

  @Parameters(index = "1", paramLabel = "KEY")
  private String key;

  @Option(names = "--r", paramLabel = "R", description = "Read quorum for this request (default: the bucket's r).")
  private Integer r;

  @Option(
      names = "--context-out",
      paramLabel = "FILE",
      description = "Write the answer's context to FILE (also on a 404 of a deleted key: the tombstone's).")
  private Path contextOut;

  @Override
  public Integer call() {
    Reply reply =
        KeyQuery.client(cli)
            .get(PathSegment.keyPath(bucket, key) + KeyQuery.of("r", r, cli.timeoutOption()));
    if (reply.status() != 200 && reply.status() != 300 && reply.status() != 404) {
      throw reply.failure();
    }
    ContextOut.save(contextOut, reply.context());
    ObjectNode answer = Json.object();
    answer.put("bucket", bucket);
    answer.put("key", key);
    answer.put("found", reply.status() != 404);
    answer.put("context", reply.context());
    if (reply.status() == 404) {
      throw new CliFailure(ExitCode.NOT_FOUND, "not found: " + bucket + "/" + key, answer);
    }
    ArrayNode siblings =
        reply.status() == 200
            ? Siblings.single(reply.body(), reply.contentType())
            : Siblings.of(reply.json());
    answer.set("siblings", siblings);
    if (cli.json()) {
      cli.printJson(answer);
    } else if (reply.status() == 200) {
      printValue(reply.body());
    } else {
      Siblings.describe(siblings, reply.context()).forEach(cli.terminal().out()::println);
    }
    return ExitCode.OK;
  }

  /** The bytes as stored; on a terminal, a newline after a value that has none. */
  private void printValue(byte[] value) {
    cli.terminal().writeRaw(value);
    if (cli.terminal().interactive() && (value.length == 0 || value[value.length - 1] != '\n')) {
      cli.terminal().out().println();
    }
  }
}
