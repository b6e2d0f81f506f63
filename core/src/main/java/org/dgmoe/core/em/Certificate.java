package org.dgmoe.core.em;

import java.util.List;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;

/**
 * The optimality certificate of a fit (docs/convergence.md, "The certificate"): how far, in ℓ, an
 * estimate is from the local maximum the quadratic model around it predicts, and what it cost.
 *
 * @param newtonGain              the log-likelihood gain ½ gᵀ(−H)⁻¹g a Newton step in the unconstrained
 *                                coordinates predicts from the estimate ({@link NewtonPolish}); NaN when −H is
 *                                not positive definite, and when there is no certificate
 * @param hessianNegativeDefinite whether the Hessian of ℓ at the estimate is negative definite (a strict local
 *                                maximum of the quadratic model)
 * @param passes                  data passes made at the estimate after the iteration stopped, for the
 *                                certificate and the score, not counted in {@link FitResult#emEvaluations}:
 *                                2r for a certificate computed there (r ≤ k(d + 3) free coordinates: 24 passes
 *                                for k = 3, d = 1 with λ free); 1 when the polish's last analysis was at the
 *                                estimate (its certificate is reused, the pass recomputes the statistics its
 *                                Hessian overwrote, for the score); 2r + 1 more when {@link EmFitter#certify}
 *                                adds it to a fit made without it; 0 without a certificate; −1 unknown (a table
 *                                written before the count existed)
 */
public record Certificate(double newtonGain, boolean hessianNegativeDefinite, int passes)
        implements java.io.Serializable {
    /** No certificate: gain NaN, not negative definite, no passes. */
    public static final Certificate NONE = new Certificate(Double.NaN, false, 0);

    public static final Field<Certificate> NEWTON_GAIN = Field.of("newtonGain", ValueType.DOUBLE,
            "the log-likelihood a Newton step predicts is left to gain (NaN when the Hessian is not negative definite)",
            Certificate::newtonGain);
    public static final Field<Certificate> HESSIAN_NEGATIVE_DEFINITE = Field.of("hessianNegativeDefinite",
            ValueType.BOOLEAN, "whether the Hessian of ℓ at the estimate is negative definite",
            Certificate::hessianNegativeDefinite);
    /** Older tables lack the column: their certificates read with passes −1, unknown. */
    public static final Field<Certificate> PASSES = Field.of("certificatePasses", ValueType.INT,
            "the data passes the certificate took, not in emEvaluations (-1 unknown)", Certificate::passes)
            .absentReadsAs(-1);

    /** The certificate's fields, in table and fit-file order. */
    public static final Part<Certificate> PART = new Part<>(List.of(NEWTON_GAIN, HESSIAN_NEGATIVE_DEFINITE, PASSES),
            v -> new Certificate(v.number(NEWTON_GAIN), v.bool(HESSIAN_NEGATIVE_DEFINITE), v.integer(PASSES)));

    public Certificate {
        if (passes < -1) {
            throw new IllegalArgumentException("passes: must be >= 0, or -1 unknown, got " + passes);
        }
    }

    /** This certificate with its passes unknown (−1): a row of a table written before they were counted. */
    public Certificate withUnknownPasses() {
        return new Certificate(newtonGain, hessianNegativeDefinite, -1);
    }

    /** {@code computed} found after {@code this.passes} passes already made: its gain and definiteness, the passes summed. */
    Certificate after(Certificate computed) {
        return new Certificate(computed.newtonGain, computed.hessianNegativeDefinite, passes + computed.passes);
    }
}
