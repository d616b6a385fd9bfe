package io.geoingest.status.stac;

import io.geoingest.common.auth.Caller;
import java.util.Optional;

/**
 * Which items of the catalog a caller may read. The worker catalogues every completed file as an
 * item; one uploaded through the file API is as private there as on the file API (its owner's and
 * files_admin's), or its item's asset would hand it to anyone. A file uploaded to an asset through
 * the STAC API is the catalog's, readable by whoever reads the catalog. Decided in the query, not
 * on the rows it returns, so that a page stays full and its {@code next} link right.
 */
public final class VisibleItems {
    private static final String HOLDS_NO_OTHER_OWNERS_PRIVATE_FILE = """
            not exists (select 1 from stac_asset private_asset
                        join file private_file on private_file.id = private_asset.file_id
                        where private_asset.collection_id = %s and private_asset.item_id = %s
                          and private_file.stac_collection is null and private_file.owner <> ?)""";

    /** How the API documentation says it, after what is listed or read. */
    public static final String DESCRIPTION = " The item of a file another owner uploaded through the file API is left"
            + " out (not found), as that API hides the file; files_admin reads every item.";

    private VisibleItems() {
    }

    /**
     * What to add to the where clause of a query for the item in these columns ({@code " and ..."}),
     * a condition with one parameter, the caller's owner name; nothing for files_admin, who reads every item.
     */
    public static Optional<String> condition(Caller caller, String collectionColumn, String itemColumn) {
        if (caller.admin()) {
            return Optional.empty();
        }
        return Optional.of(" and " + HOLDS_NO_OTHER_OWNERS_PRIVATE_FILE.formatted(collectionColumn, itemColumn));
    }
}
