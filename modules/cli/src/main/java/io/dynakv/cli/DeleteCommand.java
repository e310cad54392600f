package io.dynakv.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv delete BUCKET KEY}: deletes a key (writes a tombstone). */
@Command(
    name = "delete",
    header = "Deletes a key.",
    description = {
      "Deletes a key (DELETE /v1/buckets/BUCKET/keys/KEY). Send the context of what you read (--context) so the delete covers it; a blind delete is concurrent with what is stored. Prints the tombstone's context, with which a later put supersedes the delete."
    })
final class DeleteCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(index = "0", paramLabel = "BUCKET")
  private String bucket;

  @Parameters(index = "1", paramLabel = "KEY")
  private String key;

  @Option(names = "--w", paramLabel = "W", description = "Write quorum for this request (default: the bucket's w).")
  private Integer w;

  @Mixin private ContextSource context;

  @Override
  public Integer call() {
    Map<String, String> headers = new LinkedHashMap<>();
    String ctx = context.context();
    if (ctx != null) {
      headers.put("X-Context", ctx);
    }
    Reply reply =
        KeyQuery.client(cli)
            .delete(PathSegment.keyPath(bucket, key) + KeyQuery.of("w", w, cli.timeoutOption()), headers);
    return KeyWriteAnswer.print(cli, reply, bucket, key, "deleted", context);
  }
}
