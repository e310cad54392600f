package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code dynakv} command: the global options every subcommand inherits ({@code --node},
 * {@code --json}, {@code --timeout}, the token and trust store) and what the subcommands share through them (the node
 * client, the terminal, JSON output).
 */
@Command(
    name = "dynakv",
    mixinStandardHelpOptions = true,
    versionProvider = DynakvCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Administers a dynakv cluster and reads and writes keys, through a node's HTTP API.",
    subcommands = {
      StatusCommand.class,
      RingCommand.class,
      MembersCommand.class,
      JoinCommand.class,
      LeaveCommand.class,
      DownCommand.class,
      RepairCommand.class,
      HandoffCommand.class,
      GetCommand.class,
      PutCommand.class,
      DeleteCommand.class,
      BucketPropsCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (a get found the key, siblings included)",
      "1:the node refused or failed (e.g. 409: a leave of a non-member, a repair already running)",
      "2:bad usage: the command line, or input the node rejected (400, 413)",
      "3:a node could not be reached (connection refused, no answer in time, unknown host)",
      "4:not found (a get or delete of a missing key, an unknown endpoint)",
      "5:unavailable: quorum not met or a timeout inside the cluster (503, 504), or handoff not done before --timeout",
      "6:not authorised: no token or an invalid one (401), or the token's role is too low (403)"
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  DYNAKV_NODE    default for --node (else http://127.0.0.1:8081)",
      "  DYNAKV_NODES   default for --nodes of status and handoff: URL,URL,...",
      "  DYNAKV_TOKEN   bearer token when neither --token nor --token-file is given",
      "  DYNAKV_TRUST_STORE_PASSWORD   default for --trust-store-password"
    })
public final class DynakvCommand implements Runnable {

  /** A request's deadline when --timeout is not given. */
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Spec private CommandSpec spec;

  @Option(
      names = "--node",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:DYNAKV_NODE:-http://127.0.0.1:8081}",
      converter = NodeUrlConverter.class,
      description = "The node to talk to (default: $DYNAKV_NODE, else http://127.0.0.1:8081).")
  private URI node;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Machine-readable output: the node's JSON, or a JSON object built by the CLI.")
  private boolean json;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long to wait: for each request (default 15s; for get/put/delete it is also"
              + " sent as the request's deadline), or for handoff the whole watch (default: no limit)."
              + " E.g. 500ms, 30s, 2m.")
  private Duration timeout;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description =
          "Bearer token sent with every request (default: --token-file, else $DYNAKV_TOKEN)."
              + " Other users of this machine can see a command line: prefer the file or the variable.")
  private String token;

  @Option(
      names = "--token-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Read the bearer token from FILE (its first line).")
  private Path tokenFile;

  @Option(
      names = "--trust-store",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "For https:// nodes: trust the certificates in this key store (PKCS12 or JKS) instead"
              + " of the JVM's default authorities.")
  private Path trustStore;

  @Option(
      names = "--trust-store-password",
      scope = ScopeType.INHERIT,
      paramLabel = "PASSWORD",
      defaultValue = "${env:DYNAKV_TRUST_STORE_PASSWORD}",
      description = "Password of --trust-store (default: $DYNAKV_TRUST_STORE_PASSWORD, else none).")
  private String trustStorePassword;

  private final Terminal terminal;
  private HttpClient http;

  public DynakvCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; see dynakv --help");
  }

  Terminal terminal() {
    return terminal;
  }

  boolean json() {
    return json;
  }

  URI nodeUrl() {
    return node;
  }

  /** The --timeout given, or null. */
  Duration timeoutOption() {
    return timeout;
  }

  Duration requestTimeout() {
    return timeout == null ? DEFAULT_REQUEST_TIMEOUT : timeout;
  }

  /** A client for --node with the request timeout. */
  NodeClient node() {
    return node(node, requestTimeout());
  }

  NodeClient node(URI url, Duration requestTimeout) {
    return new NodeClient(http(), url, requestTimeout, bearerToken());
  }

  /** --token, else the first line of --token-file, else $DYNAKV_TOKEN, else null. */
  private String bearerToken() {
    String chosen = token;
    if (chosen == null && tokenFile != null) {
      chosen = BearerTokenSource.fromFile(tokenFile);
    }
    if (chosen == null) {
      chosen = System.getenv("DYNAKV_TOKEN");
    }
    return BearerTokenSource.checked(chosen);
  }

  private synchronized HttpClient http() {
    if (http == null) {
      Duration connect =
          requestTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout() : MAX_CONNECT_TIMEOUT;
      HttpClient.Builder builder =
          HttpClient.newBuilder()
              .connectTimeout(connect)
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER);
      if (trustStore != null) {
        builder.sslContext(TrustStores.sslContext(trustStore, trustStorePassword));
      }
      http = builder.build();
    }
    return http;
  }

  /** Prints one JSON document on one line. */
  void printJson(JsonNode node) {
    terminal.out().println(Json.compact(node));
  }

  /** The version from the jar's manifest (the build sets it). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = DynakvCommand.class.getPackage().getImplementationVersion();
      return new String[] {"dynakv " + (version == null ? "(development build)" : version)};
    }
  }
}
