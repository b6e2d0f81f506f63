package org.dgmoe.core.expr;

import java.util.List;

/**
 * A node of an expression's immutable tree: a number, a covariate, or a primitive {@link Operation} of
 * sub-terms. Nothing in the tree refers to code; evaluating it is arithmetic on doubles.
 */
sealed interface Term extends java.io.Serializable permits Term.Constant, Term.Variable, Term.Apply {

    /** The value at the point x (x[j] the j-th allowed name). */
    double value(double[] x);

    /** A number. */
    record Constant(double value) implements Term {
        @Override
        public double value(double[] x) {
            return value;
        }
    }

    /** The allowed name at {@code index}. */
    record Variable(int index, String name) implements Term {
        @Override
        public double value(double[] x) {
            return x[index];
        }
    }

    /** An operation of one or two sub-terms. */
    record Apply(Operation operation, List<Term> arguments) implements Term {
        public Apply {
            arguments = List.copyOf(arguments);
            if (arguments.size() != operation.arity()) {
                throw new IllegalArgumentException("arguments: " + operation + " takes " + operation.arity()
                        + ", got " + arguments.size());
            }
        }

        @Override
        public double value(double[] x) {
            return operation.arity() == 1 ? operation.apply(arguments.get(0).value(x))
                    : operation.apply(arguments.get(0).value(x), arguments.get(1).value(x));
        }
    }
}
