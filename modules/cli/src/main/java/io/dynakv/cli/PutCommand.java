package io.dynakv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dynakv put BUCKET KEY [VALUE]}: writes a value, from the argument, a file or stdin. */
@Command(
    name = "put",
    header = "Writes a key from an argument, a file or stdin.",
    description = {
      "Writes a key (PUT /v1/buckets/BUCKET/keys/KEY). The value is VALUE, or the bytes of --file, or stdin when neither is given. Send the context of what you read (--context) to replace it; without one the write is concurrent with what is stored.",
      "Prints the new context or, when concurrent versions remain, every sibling and the context that covers them."
    })
final class PutCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(index = "0", paramLabel = "BUCKET")
  private String bucket;

  @Parameters(index = "1", paramLabel = "KEY")
  private String key;

  @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE", description = "The value, as UTF-8 text.")
  private String value;

  @Option(names = "--file", paramLabel = "FILE", description = "Read the value from FILE, byte for byte.")
  private Path file;

  @Option(
      names = "--content-type",
      paramLabel = "TYPE",
      description = "Stored with the value (default: text/plain for VALUE, application/octet-stream for --file and stdin).")
  private String contentType;

  @Option(names = "--w", paramLabel = "W", description = "Write quorum for this request (default: the bucket's w).")
  private Integer w;

  @Mixin private ContextSource context;

  @Override
  public Integer call() {
    if (value != null && file != null) {
      throw new ParameterException(spec.commandLine(), "Give either VALUE or --file, not both");
    }
    byte[] body = body();
    String type =
        contentType != null ? contentType : value != null ? "text/plain" : "application/octet-stream";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", type);
    String ctx = context.context();
    if (ctx != null) {
      headers.put("X-Context", ctx);
    }
    Reply reply =
        KeyQuery.client(cli)
            .put(PathSegment.keyPath(bucket, key) + KeyQuery.of("w", w, cli.timeoutOption()), body, headers);
    return KeyWriteAnswer.print(cli, reply, bucket, key, "stored", context);
  }

  private byte[] body() {
    if (value != null) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return file != null ? Files.readAllBytes(file) : cli.terminal().in().readAllBytes();
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.USAGE, "cannot read the value from " + (file != null ? file : "stdin") + ": " + e.getMessage());
    }
  }
}
