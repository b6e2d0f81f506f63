package org.dgmoe.core.uncertainty;

import java.util.Arrays;
import org.dgmoe.core.em.FitStatus;

/**
 * One bootstrap refit b of a fit ({@link BootstrapRefit#run}): its reported parameters, aligned to the estimate's
 * atoms, and how its EM ended.
 *
 * @param index      b, 0-based
 * @param status     the refit's EM status
 * @param parameters the refit's parameters in the layout of {@code ObservedInformation#size} (λ, the weights, then
 *                   per expert slope, intercept, variance), its experts permuted onto the estimate's
 *                   ({@link BootstrapRefit#match}); every entry NaN when the refit {@link #failed()} (copied)
 */
public record BootstrapFit(int index, FitStatus status, double[] parameters) implements java.io.Serializable {
    public BootstrapFit {
        if (index < 0) {
            throw new IllegalArgumentException("index: must be >= 0, got " + index);
        }
        if (status == null || parameters == null) {
            throw new IllegalArgumentException("status, parameters: must not be null");
        }
        parameters = parameters.clone();
    }

    /**
     * Whether the refit failed: it ended {@link FitStatus#DEGENERATE} (a component lost its mass, or its design
     * became singular) or {@link FitStatus#NON_FINITE}, or a parameter is not finite. A failed refit is counted
     * ({@link Bootstrap#failures()}), never dropped silently, and has no value in the intervals.
     */
    public boolean failed() {
        if (status == FitStatus.DEGENERATE || status == FitStatus.NON_FINITE) {
            return true;
        }
        for (double v : parameters) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** Parameter {@code p} (no copy). */
    public double parameter(int p) {
        return parameters[p];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootstrapFit f && index == f.index && status == f.status
                && Arrays.equals(parameters, f.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + status.hashCode()) + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "BootstrapFit[index=" + index + ", status=" + status + ", parameters=" + Arrays.toString(parameters)
                + "]";
    }
}
