package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv bucket-props BUCKET [--set k=v ...]}: a bucket's n, r, w and allow-siblings. */
@Command(
    name = "bucket-props",
    header = "Shows or changes a bucket's n, r, w, allow-siblings.",
    description = {
      "Shows a bucket's properties (GET /v1/buckets/BUCKET/props), or changes some with --set (PUT; what is not set keeps its value) and shows the result. Properties: n, r, w, allow-siblings. The node rejects an unknown property or an unusable combination (exit 2)."
    })
final class BucketPropsCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(index = "0", paramLabel = "BUCKET")
  private String bucket;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "A property to change, e.g. --set n=3 --set r=2 --set allow-siblings=false.")
  private Map<String, String> set;

  @Override
  public Integer call() {
    String path = "/v1/buckets/" + PathSegment.encode(bucket) + "/props";
    Reply reply =
        set == null || set.isEmpty()
            ? cli.node().get(path)
            : cli.node().put(path, Json.compact(update(set)).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
    JsonNode props = reply.successJson();
    if (cli.json()) {
      cli.printJson(props);
    } else {
      describe(props).forEach(cli.terminal().out()::println);
    }
    return ExitCode.OK;
  }

  /** The PUT body: numbers and booleans as JSON numbers and booleans, the rest as strings. */
  static ObjectNode update(Map<String, String> set) {
    ObjectNode body = Json.object();
    set.forEach(
        (name, raw) -> {
          String value = raw.strip();
          if (value.equals("true") || value.equals("false")) {
            body.put(name, Boolean.parseBoolean(value));
          } else if (value.matches("-?[0-9]{1,9}")) {
            body.put(name, Integer.parseInt(value));
          } else {
            body.put(name, value);
          }
        });
    return body;
  }

  static List<String> describe(JsonNode props) {
    List<String> lines = new ArrayList<>();
    props.fields().forEachRemaining(f -> lines.add(f.getKey() + "=" + f.getValue().asText()));
    return lines;
  }
}
