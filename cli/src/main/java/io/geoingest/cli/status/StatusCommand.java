package io.geoingest.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.Session;
import io.geoingest.cli.file.StatusEvent;
import io.geoingest.cli.config.Connection.KeyUse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the status of a file: one field a line; exits 1 when it FAILED.")
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private GeoIngest root;

    @Parameters(paramLabel = "ID", description = "The file id that upload printed.")
    private String fileId;

    @Option(names = "--follow",
            description = "First wait until the file is COMPLETED or FAILED; exits 3 when the wait is given up"
                    + " with the file still at work.")
    private boolean follow;

    @Option(names = "--json", description = "Print the server's JSON as it is.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Session session = root.session(KeyUse.REQUIRED);
        if (follow) {
            session.files().followStatus(fileId, event -> session.notice("status: " + event.status()));
        }
        JsonNode status = session.files().status(fileId);
        session.environment().out().print(json
                ? session.json().writerWithDefaultPrettyPrinter().writeValueAsString(status) + System.lineSeparator()
                : StatusFormat.fields(status));
        session.environment().out().flush();
        boolean failed = StatusEvent.FAILED.equals(status.path("status").asText());
        // scripts tell a FAILED file by the exit code, whether they waited for it or not
        return failed ? ExitCode.FAILURE : ExitCode.OK;
    }
}
