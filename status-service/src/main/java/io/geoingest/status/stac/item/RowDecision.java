package io.geoingest.status.stac.item;

import io.geoingest.status.stac.filter.RowCondition;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A filter's {@link RowCondition} decided on a row: spatial functions with JTS on the item's
 * geometry, the rest as the database gave it, joined in CQL2's three-valued logic (null for
 * unknown: an item without a geometry, or a property it lacks), and the row kept only when true.
 */
final class RowDecision {
    private static final GeometryFactory FACTORY = new GeometryFactory();
    /** What each spatial function asks of the item's geometry and the shape. */
    private static final Map<String, BiPredicate<Geometry, Geometry>> RELATIONS = Map.of(
            "s_intersects", Geometry::intersects, "s_equals", Geometry::equalsTopo, "s_disjoint", Geometry::disjoint,
            "s_touches", Geometry::touches, "s_within", Geometry::within, "s_contains", Geometry::contains,
            "s_overlaps", Geometry::overlaps, "s_crosses", Geometry::crosses);
    private final RowCondition condition;
    /** Each spatial function's shape, read once (a bbox across the antimeridian is its two halves). */
    private final Map<RowCondition.Spatial, Geometry> shapes = new IdentityHashMap<>();

    /** Reads the shapes, so that one that is no geometry is a 400 before any row is read. */
    RowDecision(RowCondition condition) {
        this.condition = condition;
        readShapes(condition);
    }

    private void readShapes(RowCondition node) {
        if (node instanceof RowCondition.And and) {
            and.args().forEach(this::readShapes);
        } else if (node instanceof RowCondition.Or or) {
            or.args().forEach(this::readShapes);
        } else if (node instanceof RowCondition.Not not) {
            readShapes(not.arg());
        } else if (node instanceof RowCondition.Spatial spatial) {
            SpatialFilter read = SpatialFilter.ofFilterShape(spatial.function(), spatial.shape());
            List<Geometry> parts = read.shapes();
            shapes.put(spatial, parts.size() == 1 ? parts.get(0) : FACTORY.buildGeometry(parts).union());
        }
    }

    /** @param geometry the row's geometry as JTS read it, empty when it has none or JTS could not read it */
    boolean holds(ItemRow row, Optional<Geometry> geometry) {
        return Boolean.TRUE.equals(decide(condition, row, geometry));
    }

    private Boolean decide(RowCondition node, ItemRow row, Optional<Geometry> geometry) {
        if (node instanceof RowCondition.And and) {
            return junction(and.args(), false, row, geometry);
        }
        if (node instanceof RowCondition.Or or) {
            return junction(or.args(), true, row, geometry);
        }
        if (node instanceof RowCondition.Not not) {
            Boolean value = decide(not.arg(), row, geometry);
            return value == null ? null : !value;
        }
        if (node instanceof RowCondition.Selected selected) {
            return row.conditions().get(selected.index()).orElse(null);
        }
        RowCondition.Spatial spatial = (RowCondition.Spatial) node;
        return geometry.map(item -> relate(spatial, item)).orElse(null);
    }

    /**
     * An and ({@code decisive} false) or an or ({@code decisive} true): one part of the decisive
     * value decides it, else an unknown part leaves it unknown.
     */
    private Boolean junction(List<RowCondition> parts, boolean decisive, ItemRow row, Optional<Geometry> geometry) {
        Boolean result = !decisive;
        for (RowCondition part : parts) {
            Boolean value = decide(part, row, geometry);
            if (Boolean.valueOf(decisive).equals(value)) {
                return decisive;
            }
            result = value == null ? null : result;
        }
        return result;
    }

    /** A geometry JTS cannot relate (not written through this API) leaves the function unknown. */
    private Boolean relate(RowCondition.Spatial spatial, Geometry item) {
        try {
            return RELATIONS.get(spatial.function()).test(item, shapes.get(spatial));
        } catch (RuntimeException unrelatable) {
            return null;
        }
    }
}
