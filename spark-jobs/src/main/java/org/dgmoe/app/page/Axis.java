package org.dgmoe.app.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis of a {@link Plot}: its name, scale, range and ticks. Ticks sit at round values labelled by
 * {@link Format#tick}: on a linear axis the multiples of a step of 1, 2 or 5 times a power of ten ({@link #step});
 * on a log axis 1, 2 and 5 times the powers of ten, the decades alone when that gives too many, 1 to 9 times
 * them when it gives too few ({@link #logTicks}); on a time axis (seconds since the epoch, UTC) round minutes,
 * hours or days; on a category axis (a heat map's rows or columns, at 0, 1, …) the categories' names.
 * {@code extra} values (the smallest and largest n of a loss figure) are labelled too, unless a label would touch
 * a tick's.
 *
 * @param lo the lower end; NaN: the data's, with a margin ({@link PlotPainter})
 * @param hi the upper end; NaN: the data's, with a margin
 */
record Axis(String label, Scale scale, double lo, double hi, boolean integer, double[] extra, List<String> categories) {
    /** Aim for about this many ticks on a linear axis (3 to 8 with steps of 1, 2 and 5). */
    static final int TICKS = 5;
    /** A log axis with more 1-2-5 ticks than this is labelled at its decades only. */
    static final int MAX_LOG_TICKS = 10;
    /** Round steps of a time axis, in seconds: 1, 5, 15, 30 minutes; 1, 2, 6, 12 hours; 1, 2, 7, 30, 365 days. */
    private static final long[] TIME_STEPS = {60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800,
        2592000, 31536000};

    /** How values map to positions. */
    enum Scale {
        LINEAR, LOG, TIME, CATEGORY
    }

    /** A tick: its value and label. */
    record Tick(double value, String label) {
    }

    Axis {
        extra = extra.clone();
        categories = List.copyOf(categories);
        if (lo >= hi) {
            throw new IllegalArgumentException("axis " + label + ": [" + lo + ", " + hi + "] is empty");
        }
        if (scale == Scale.LOG && lo <= 0) {
            throw new IllegalArgumentException("log axis " + label + " from " + lo);
        }
    }

    static Axis linear(String label) {
        return new Axis(label, Scale.LINEAR, Double.NaN, Double.NaN, false, new double[0], List.of());
    }

    static Axis linear(String label, double lo, double hi) {
        return new Axis(label, Scale.LINEAR, lo, hi, false, new double[0], List.of());
    }

    /** A count axis from lo to hi: integer ticks only. */
    static Axis counts(String label, double lo, double hi) {
        return new Axis(label, Scale.LINEAR, lo, hi, true, new double[0], List.of());
    }

    static Axis log(String label) {
        return new Axis(label, Scale.LOG, Double.NaN, Double.NaN, false, new double[0], List.of());
    }

    static Axis log(String label, double lo, double hi) {
        return new Axis(label, Scale.LOG, lo, hi, false, new double[0], List.of());
    }

    /** A time axis: values are seconds since the epoch, labelled in UTC (the label should say so). */
    static Axis time(String label) {
        return new Axis(label, Scale.TIME, Double.NaN, Double.NaN, false, new double[0], List.of());
    }

    /** Categories at 0, 1, …, each cell ±1/2 about its index. */
    static Axis categories(String label, List<String> names) {
        return new Axis(label, Scale.CATEGORY, -0.5, names.size() - 0.5, false, new double[0], names);
    }

    /** This axis with {@code values} labelled too (the smallest and largest n). */
    Axis withExtra(double... values) {
        return new Axis(label, scale, lo, hi, integer, values, categories);
    }

    /** The ticks of [lo, hi] (the resolved range), in increasing order. */
    List<Tick> ticks(double from, double to) {
        List<Tick> out = new ArrayList<>();
        switch (scale) {
            case LOG -> {
                double[] ticks = logTicks(from, to);
                // one style on one axis: all with exponents when one needs it (as Format.tick writes them)
                boolean exponents = ticks.length > 0 && (ticks[0] < 1e-4 || ticks[ticks.length - 1] >= 1e6);
                for (double v : ticks) {
                    out.add(new Tick(v, exponents ? Format.number(v) : logLabel(v, from, to)));
                }
            }
            case TIME -> {
                long step = timeStep(from, to);
                DateTimeFormatter f = DateTimeFormatter.ofPattern(step >= 86400 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm",
                        Locale.ROOT).withZone(ZoneOffset.UTC);
                for (double v : multiples(from, to, step)) {
                    out.add(new Tick(v, f.format(Instant.ofEpochSecond((long) v))));
                }
            }
            case CATEGORY -> {
                for (int i = 0; i < categories.size(); i++) {
                    out.add(new Tick(i, categories.get(i)));
                }
            }
            default -> {
                double step = step(from, to, integer);
                for (double v : multiples(from, to, step)) {
                    out.add(new Tick(v, Format.tick(v, step)));
                }
            }
        }
        return out;
    }

    /** The label of an extra value: as a tick's of its own magnitude ("1069", "0.35"). */
    String extraLabel(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.abs(v))));
        return Format.tick(v, Math.abs(v - Math.rint(v)) < 1e-9 * Math.max(1, Math.abs(v)) ? 1 : magnitude / 100);
    }

    /**
     * The tick step of [lo, hi]: 1, 2 or 5 times a power of ten, the one nearest to (hi − lo)/{@link #TICKS};
     * at least 1 on an integer axis (counts).
     */
    static double step(double lo, double hi, boolean integer) {
        double raw = (hi - lo) / TICKS;
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
        return integer ? Math.max(1, Math.rint(step)) : step;
    }

    /** The multiples of {@code step} in [lo, hi] (computed as k·step, so they do not drift). */
    static double[] multiples(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        int count = (int) Math.max(0, Math.min(100, last - first + 1));
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    /**
     * The ticks of a log axis over [lo, hi] (0 < lo < hi): 1, 2 and 5 × 10^k; the decades 10^k alone when those
     * are more than {@link #MAX_LOG_TICKS} (every m-th decade when even the decades are); 1 to 9 × 10^k when fewer
     * than two 1-2-5 ticks fall inside; the linear axis's ticks when even those are fewer than two.
     */
    static double[] logTicks(double lo, double hi) {
        double[] ticks = mantissas(lo, hi, new int[] {1, 2, 5}, 1);
        if (ticks.length > MAX_LOG_TICKS) {
            int decades = (int) Math.floor(Math.log10(hi)) - (int) Math.ceil(Math.log10(lo)) + 1;
            ticks = mantissas(lo, hi, new int[] {1}, Math.max(1, (int) Math.ceil(decades / (double) MAX_LOG_TICKS)));
        } else if (ticks.length < 2) {
            ticks = mantissas(lo, hi, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
            if (ticks.length < 2) {
                ticks = multiples(lo, hi, step(lo, hi, false));
            }
        }
        return ticks;
    }

    /** m × 10^k in [lo, hi] for m in {@code mantissas} and every {@code every}-th k, in increasing order. */
    private static double[] mantissas(double lo, double hi, int[] mantissas, int every) {
        List<Double> out = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        for (int k = first; k <= last; k++) {
            if (Math.floorMod(k, every) != 0) {
                continue;
            }
            // 10^k as a parsed literal, so that 0.001 is 0.001 and not 1e-3 computed as 0.0010000000000000002
            double decade = Double.parseDouble("1e" + k);
            for (int m : mantissas) {
                double v = m * decade;
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A log tick's label: with the decimals its own power of ten needs ("0.005", "200", "1.00e-05"). */
    private static String logLabel(double v, double lo, double hi) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
        boolean linearFallback = mantissas(lo, hi, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1).length < 2;
        return Format.tick(v, linearFallback ? step(lo, hi, false) : magnitude);
    }

    /** The round time step giving about {@link #TICKS} ticks over [lo, hi] seconds. */
    private static long timeStep(double lo, double hi) {
        double raw = (hi - lo) / TICKS;
        for (long s : TIME_STEPS) {
            if (s >= raw) {
                return s;
            }
        }
        return TIME_STEPS[TIME_STEPS.length - 1] * (long) Math.ceil(raw / TIME_STEPS[TIME_STEPS.length - 1]);
    }
}
