package io.geoingest.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.geoingest.cli.config.ApiKeyFile;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.config.Connection.KeyUse;
import io.geoingest.cli.config.RetrySetting;
import io.geoingest.cli.config.TimeoutSetting;
import io.geoingest.cli.download.DownloadCommand;
import io.geoingest.cli.file.FileApi;
import io.geoingest.cli.http.EnvironmentProxies;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.search.SearchCommand;
import io.geoingest.cli.stac.StacApi;
import io.geoingest.cli.stac.StacUploadCommand;
import io.geoingest.cli.status.StatusCommand;
import io.geoingest.cli.upload.UploadCommand;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code geoingest} command. Each command is a class of its own in the package of its
 * feature, listed in {@code subcommands}; commands that call the server take a {@link Session}
 * from {@link #session(KeyUse)}. Errors end as one line on standard error and an {@link ExitCode}.
 */
@Command(name = "geoingest", mixinStandardHelpOptions = true, versionProvider = GeoIngest.Version.class,
        subcommands = {UploadCommand.class, StacUploadCommand.class, StatusCommand.class, DownloadCommand.class,
            SearchCommand.class, HelpCommand.class},
        description = "Uploads files and STAC assets to GeoIngest, follows their processing, downloads them and"
                + " searches the catalog.",
        footerHeading = "%nConfiguration:%n",
        footer = {
            "  The server comes from --url, else GEOINGEST_URL, else the .geoingest/local.env",
            "  that deploy/local/run.sh writes: the one in the working directory, or in a",
            "  GeoIngest checkout the nearest one above it up to the checkout's root; a",
            "  local.env another user owns is not read. The API key comes from",
            "  --api-key-file or --api-key, else GEOINGEST_API_KEY, else that local.env's",
            "  GEOINGEST_UPLOAD_KEY when the server came from it too. Prefer",
            "  GEOINGEST_API_KEY or --api-key-file: other users see --api-key in the",
            "  process list.",
            "  Proxies come from https_proxy, http_proxy and no_proxy (or upper-case).",
            "  search needs no API key where the catalog is open to anyone (the default).",
            "  How long to wait on the server comes from --timeout, else GEOINGEST_TIMEOUT,",
            "  else 30s.",
            "  Unfinished chunked uploads are remembered until they are resumed, in",
            "  $GEOINGEST_STATE_DIR, else in cli-uploads/ beside that local.env when the",
            "  server came from it, else in .geoingest/cli-uploads/ of the working",
            "  directory; when that cannot be written, in $XDG_STATE_HOME/geoingest/",
            "  (~/.local/state/geoingest/).",
            "Exit codes: 0 success, 1 failure, 2 wrong usage or missing configuration,",
            "  3 gave up waiting while the server was still at work (outcome not known yet)."})
public final class GeoIngest implements Callable<Integer> {
    private static final String TUNNEL_AUTH_DISABLED = "jdk.http.auth.tunneling.disabledSchemes";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Base URL of the GeoIngest API, e.g. http://127.0.0.1:8080.")
    private String url;

    @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "API key (sent as X-API-KEY). Other users see it in the process list: prefer"
                    + " GEOINGEST_API_KEY or --api-key-file.")
    private String apiKey;

    @Option(names = ApiKeyFile.FLAG, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "A file that holds the API key (surrounding whitespace is ignored); a warning says so when"
                    + " other users may read it.")
    private String apiKeyFile;

    @Option(names = TimeoutSetting.FLAG, paramLabel = "DURATION", scope = ScopeType.INHERIT,
            description = "How long the server may take to answer, 10s to 24h, e.g. 90s or 5m (default: 30s)."
                    + " Transfers may stand still twice as long; the wait after an upload or a completion grows alike.")
    private String timeout;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress bar and no status lines; errors are still reported.")
    private boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Report retries, and stack traces with errors.")
    private boolean debug;

    private final Environment environment;

    GeoIngest(Environment environment) {
        this.environment = environment;
    }

    public static void main(String... args) {
        // The JDK sends no Basic credentials to a proxy for an https tunnel unless told to; a user
        // who put them in https_proxy wants them sent. Read once, so set before any request.
        if (System.getProperty(TUNNEL_AUTH_DISABLED) == null) {
            System.setProperty(TUNNEL_AUTH_DISABLED, "");
        }
        int exitCode;
        try {
            exitCode = run(Environment.system(), args);
        } catch (InvalidPathException e) {
            // the working directory's own name, which no command's error handling sees
            System.err.println("geoingest: " + unusablePath(e));
            exitCode = ExitCode.USAGE;
        }
        System.exit(exitCode);
    }

    /** Runs one command line to its end and returns the exit code; never exits the JVM. */
    public static int run(Environment environment, String... args) {
        GeoIngest root = new GeoIngest(environment);
        return new CommandLine(root)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(environment.out(), true))
                .setErr(new PrintWriter(environment.err(), true))
                .setParameterExceptionHandler((error, arguments) -> {
                    environment.err().println("geoingest: " + error.getMessage() + " (see '"
                            + error.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
                    return ExitCode.USAGE;
                })
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> root.report(error))
                .execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a command is needed: upload, stac-upload, status, download or search");
    }

    /** The server connection and APIs for a command that calls the server. */
    public Session session(KeyUse keyUse) {
        Connection connection = Connection.resolve(Optional.ofNullable(url), keyFlag(), environment, keyUse);
        Transport transport = new Transport(RetrySetting.resolve(environment),
                TimeoutSetting.resolve(Optional.ofNullable(timeout), environment), EnvironmentProxies.of(environment::variable),
                debug ? Optional.of(environment.err()) : Optional.empty());
        ObjectMapper json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        return new Session(environment, connection, transport, json, new FileApi(connection, transport, json),
                new StacApi(connection, transport, json), quiet);
    }

    private Optional<String> keyFlag() {
        if (apiKey != null && apiKeyFile != null) {
            throw new UsageException("pass --api-key or " + ApiKeyFile.FLAG + ", not both");
        }
        return Optional.ofNullable(apiKeyFile).map(file -> ApiKeyFile.read(environment.resolve(file), environment.err()))
                .or(() -> Optional.ofNullable(apiKey));
    }

    private int report(Exception error) {
        if (debug) {
            error.printStackTrace(environment.err());
        }
        if (error instanceof InvalidPathException unusable) {
            environment.err().println("geoingest: " + unusablePath(unusable));
            return ExitCode.USAGE;
        }
        if (error instanceof CliException failure) {
            environment.err().println("geoingest: " + failure.getMessage());
            return failure.exitCode();
        }
        environment.err().println("geoingest: unexpected " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()) + (debug ? "" : " (--debug shows more)"));
        return ExitCode.FAILURE;
    }

    /**
     * A path the JVM cannot name: Java 17 encodes file names in the locale's character set, so
     * under the POSIX locale (LANG unset in a container or a cron job) any name beyond ASCII.
     */
    private static String unusablePath(InvalidPathException e) {
        String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        return "cannot use the path '" + e.getInput() + "': " + e.getReason() + (charset.equalsIgnoreCase("UTF-8") ? ""
                : " (file names are read as " + charset + ", not UTF-8: run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8,"
                        + " as cli/geoingest does when there is one)");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GeoIngest.class.getPackage().getImplementationVersion();
            return new String[] {"geoingest " + (version == null ? "(development build)" : version)};
        }
    }
}
