package org.dgmoe.core.model;

import org.dgmoe.core.InvalidParameterException;

/** λ(x) = λ for every x (reference §1). */
public record ConstantDeviation(double lambda) implements Deviation {

    public ConstantDeviation {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new InvalidParameterException("lambda", "must be in [0, 1], got " + lambda);
        }
    }

    @Override
    public Type type() {
        return Type.CONSTANT;
    }

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public double logWeight(double[] x) {
        return Math.log(lambda);
    }

    @Override
    public double logComplement(double[] x) {
        return Math.log1p(-lambda);
    }

    @Override
    public double weight(double[] x) {
        return lambda;
    }

    @Override
    public boolean isOne() {
        return lambda == 1;
    }
}
