package io.dynakv.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynakv.core.BucketProps;
import io.dynakv.core.InvalidInputException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The body of {@code PUT /v1/buckets/{b}/props}: a JSON object holding any of n, r, w and
 * allow-siblings. What it leaves out keeps its current value; the merged result must pass
 * {@link BucketProps#validated()}.
 */
final class PropsUpdate {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Integer n;
  private final Integer r;
  private final Integer w;
  private final Boolean allowSiblings;

  private PropsUpdate(Integer n, Integer r, Integer w, Boolean allowSiblings) {
    this.n = n;
    this.r = r;
    this.w = w;
    this.allowSiblings = allowSiblings;
  }

  /** Throws {@link InvalidInputException} naming "body", or the property that is wrong. */
  static PropsUpdate parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException("body", "not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(
          "body", "expected a JSON object with any of n, r, w, allow-siblings");
    }
    Integer n = null;
    Integer r = null;
    Integer w = null;
    Boolean allowSiblings = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "n":
          n = integer(name, value);
          break;
        case "r":
          r = integer(name, value);
          break;
        case "w":
          w = integer(name, value);
          break;
        case "allow-siblings":
          if (!value.isBoolean()) {
            throw new InvalidInputException(name, "allow-siblings must be true or false");
          }
          allowSiblings = value.booleanValue();
          break;
        default:
          String shown = ErrorResponses.echo(name);
          throw new InvalidInputException(
              shown,
              "unknown bucket property '" + shown + "'; known: n, r, w, allow-siblings");
      }
    }
    return new PropsUpdate(n, r, w, allowSiblings);
  }

  /** The current properties with this update applied; throws if the result is unusable. */
  BucketProps applyTo(BucketProps current) {
    return new BucketProps(
            n == null ? current.n() : n,
            r == null ? current.r() : r,
            w == null ? current.w() : w,
            allowSiblings == null ? current.allowSiblings() : allowSiblings)
        .validated();
  }

  private static int integer(String name, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidInputException(name, name + " must be an integer");
    }
    return value.intValue();
  }
}
