package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The part of a filter the database cannot decide, decided on each row it found: spatial functions
 * (the catalog keeps no geometry the database relates) under {@code or} and {@code not}, and every
 * spatial function but {@code s_intersects}. Its other conditions are decided by the database and
 * read with the row ({@link Selected}); each node is true, false or unknown (null), as in CQL2.
 */
public sealed interface RowCondition {
    record And(List<RowCondition> args) implements RowCondition {
        public And {
            args = List.copyOf(args);
        }
    }

    record Or(List<RowCondition> args) implements RowCondition {
        public Or {
            args = List.copyOf(args);
        }
    }

    record Not(RowCondition arg) implements RowCondition {
    }

    /** The value of {@link FilterCondition#selected()} number {@code index}, as the database gave it for the row. */
    record Selected(int index) implements RowCondition {
    }

    /**
     * A spatial function of the item's geometry and {@code shape}, a GeoJSON geometry or
     * {@code {"bbox": [...]}}; {@code function} in lower case, the item's geometry its first operand.
     */
    record Spatial(String function, JsonNode shape) implements RowCondition {
    }
}
