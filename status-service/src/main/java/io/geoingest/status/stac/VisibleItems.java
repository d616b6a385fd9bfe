package io.geoingest.status.stac;

import io.geoingest.common.auth.Caller;
import java.util.Optional;

/**
 * Which items of the catalog a caller may read. The worker catalogues every completed file as an
 * item; one uploaded through the file API is as private there as on the file API (its owner's and
 * files_admin's), or its item's asset would hand it to anyone. The worker records that owner in
 * {@code stac_item.private_owner} (V12) when it makes the item, and nothing clears it: deleting the
 * item's asset or replacing its file leaves the item (geometry and properties read from the file)
 * private. A file uploaded to an asset through the STAC API is the catalog's, readable by whoever
 * reads the catalog. Decided in the query, not on the rows it returns, so that a page stays full
 * and its {@code next} link right.
 */
public final class VisibleItems {
    /** The condition on an item of alias {@code %s}, with one parameter, the caller's owner name. */
    private static final String SHARED_OR_OWN = "(%1$s.private_owner is null or %1$s.private_owner = ?)";

    /** How the API documentation says it, after what is listed or read. */
    public static final String DESCRIPTION = " The item of a file another owner uploaded through the file API is left"
            + " out (not found), as that API hides the file; files_admin reads every item.";

    private VisibleItems() {
    }

    /**
     * What to add to the where clause of a query on {@code stac_item} under this alias
     * ({@code " and ..."}), a condition with one parameter, the caller's owner name; nothing for
     * files_admin, who reads every item. For one item (a primary key lookup): a page of items reads
     * the shared items and the caller's own in two branches instead (see ItemQuery).
     */
    public static Optional<String> condition(Caller caller, String itemAlias) {
        if (caller.admin()) {
            return Optional.empty();
        }
        return Optional.of(" and " + SHARED_OR_OWN.formatted(itemAlias));
    }

    /** The same for a row of another table naming its item in these columns (a primary key lookup). */
    public static Optional<String> condition(Caller caller, String collectionColumn, String itemColumn) {
        if (caller.admin()) {
            return Optional.empty();
        }
        return Optional.of(" and exists (select 1 from stac_item visible_item where visible_item.collection_id = "
                + collectionColumn + " and visible_item.id = " + itemColumn + " and " + SHARED_OR_OWN.formatted("visible_item")
                + ")");
    }
}
