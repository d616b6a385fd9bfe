package io.geoingest.cli.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.Session;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.stac.StacApi;
import io.geoingest.cli.config.Connection.KeyUse;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Searches the STAC catalog for items and prints one line per item: collection, id, datetime and bbox,"
                    + " separated by tabs (--json: each item as one line of GeoJSON).",
            "Follows the result's pages to the end (a page may be empty and still have a next one), or until --limit"
                    + " items are printed."})
public final class SearchCommand implements Callable<Integer> {

    @ParentCommand
    private GeoIngest root;

    @Option(names = "--bbox", paramLabel = "MINX,MINY,MAXX,MAXY", description = "Items whose geometry meets this box (degrees).")
    private String bbox;

    @Option(names = "--datetime", paramLabel = "TIME",
            description = "An RFC 3339 date-time, or an interval START/END with '..' for an open end.")
    private String datetime;

    @Option(names = "--collections", paramLabel = "ID", split = ",", description = "Only these collections (comma-separated).")
    private List<String> collections = List.of();

    @Option(names = "--sortby", paramLabel = "[-]FIELD[,...]", description = "Order of the items: fields separated by"
            + " commas (datetime, id, collection, created, updated or any property), each after - for descending"
            + " order, e.g. --sortby=-datetime for the newest first, --sortby=eo:cloud_cover,-datetime for the least"
            + " cloudy first (default: by collection and id).")
    private String sortby;

    @Option(names = "--filter", paramLabel = "CQL2",
            description = "Only items matching this CQL2 text condition on their properties, e.g."
                    + " \"eo:cloud_cover < 10 AND platform LIKE 'sentinel-2%'\" (see the README on filters).")
    private String filter;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N items (default: all).")
    private Integer limit;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
            description = "Items per request, 1 to " + SearchQuery.LARGEST_PAGE + " (default: ${DEFAULT-VALUE}).")
    private int pageSize;

    @Option(names = "--json", description = "Print each item as one line of JSON, as the server sent it.")
    private boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit != null && limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        if (pageSize < 1 || pageSize > SearchQuery.LARGEST_PAGE) {
            throw new UsageException("--page-size must be between 1 and " + SearchQuery.LARGEST_PAGE);
        }
        SearchQuery query;
        try {
            query = SearchQuery.of(Optional.ofNullable(bbox), Optional.ofNullable(datetime), collections,
                    Optional.ofNullable(sortby), Optional.ofNullable(filter));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Session session = root.session(KeyUse.IF_GIVEN);
        PrintStream out = session.environment().out();
        long wanted = limit == null ? Long.MAX_VALUE : limit;
        long printed = 0;
        JsonNode page = session.stac().search(query.body(limit == null ? pageSize : Math.min(pageSize, limit)));
        while (true) {
            for (JsonNode item : page.path("features")) {
                if (printed == wanted) {
                    break;
                }
                out.println(json ? session.json().writeValueAsString(item) : ItemLine.of(item));
                if (out.checkError()) {
                    // whoever read the output stopped (| head -5): the pages left would go nowhere
                    return ExitCode.FAILURE;
                }
                printed++;
            }
            Optional<JsonNode> next = StacApi.nextLink(page);
            if (printed == wanted || next.isEmpty()) {
                break;
            }
            page = session.stac().follow(next.get());
        }
        out.flush();
        if (printed == 0) {
            session.notice("No items found.");
        }
        return ExitCode.OK;
    }
}
