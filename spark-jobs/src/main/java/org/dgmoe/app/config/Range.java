package org.dgmoe.app.config;

/**
 * The numbers a key allows: an interval, each end open or closed, either end possibly infinite.
 * Every value must also be finite (HOCON has no infinities, but a string "Infinity" parses as one).
 */
public record Range(double min, boolean minOpen, double max, boolean maxOpen) {

    /** Any finite number. */
    public static final Range FINITE = new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);

    public Range {
        if (Double.isNaN(min) || Double.isNaN(max) || !(min <= max)) {
            throw new IllegalArgumentException("a range needs min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** [min, max]. */
    public static Range closed(double min, double max) {
        return new Range(min, false, max, false);
    }

    /** (min, max). */
    public static Range open(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** (min, max]. */
    public static Range aboveUpTo(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** [min, ∞). */
    public static Range atLeast(double min) {
        return new Range(min, false, Double.POSITIVE_INFINITY, true);
    }

    /** (min, ∞). */
    public static Range above(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, true);
    }

    public boolean contains(double v) {
        return Double.isFinite(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
    }

    /** As in a message after "must be": {@code in [1, 1000]}, {@code > 0}, {@code >= 0}, {@code finite}. */
    public String describe() {
        boolean low = Double.isFinite(min);
        boolean high = Double.isFinite(max);
        if (low && high) {
            return "in " + (minOpen ? "(" : "[") + Node.format(min) + ", " + Node.format(max) + (maxOpen ? ")" : "]");
        }
        if (low) {
            return (minOpen ? "> " : ">= ") + Node.format(min);
        }
        if (high) {
            return (maxOpen ? "< " : "<= ") + Node.format(max);
        }
        return "finite";
    }
}
