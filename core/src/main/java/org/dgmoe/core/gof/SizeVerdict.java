package org.dgmoe.core.gof;

/**
 * Where the rejection rate under H0 (λ* = 0) lies against the size band of α ({@link PowerRow}).
 */
public enum SizeVerdict {
    /** Inside the band: the size is α within the study's Monte Carlo error. */
    WITHIN("within"),
    /** Above the band: the test rejects a true H0 too often (liberal). */
    ABOVE("above"),
    /** Below the band: the test rejects a true H0 too rarely (conservative). */
    BELOW("below");

    private final String label;

    SizeVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static SizeVerdict of(String label) {
        for (SizeVerdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("size_verdict: must be within, above or below, got '" + label + "'");
    }
}
