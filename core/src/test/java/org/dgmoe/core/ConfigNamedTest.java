package org.dgmoe.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0.MeanFunction;
import org.dgmoe.core.model.GridCovariates;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.NormalCovariates;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.study.InitKind;
import org.junit.jupiter.api.Test;

/**
 * The config names of every config-named enum: what study files, tables and docs/config.md spell,
 * so renaming a constant must fail here, not change a study file's meaning.
 */
class ConfigNamedTest {

    @Test
    void everyEnumsNamesInDeclarationOrderTheDefaultFirst() {
        assertArrayEquals(new String[] {"squarem-newton", "squarem", "none", "squarem-s1", "squarem-s2", "daarem",
            "daarem-newton"}, ConfigNamed.configNames(Acceleration.class));
        assertArrayEquals(new String[] {"absolute", "relative"}, ConfigNamed.configNames(StopRule.class));
        assertArrayEquals(new String[] {"near-truth", "random", "given"}, ConfigNamed.configNames(InitKind.class));
        assertArrayEquals(new String[] {"sin", "quadratic", "exp"}, ConfigNamed.configNames(MeanFunction.class));
        assertArrayEquals(new String[] {"none", "gaussian-linear", "gaussian-nonlinear", "student-t",
            "location-scale", "columns"}, ConfigNamed.configNames(G0.Family.class));
        assertArrayEquals(new String[] {"normal", "student-t", "laplace", "logistic"},
                ConfigNamed.configNames(LocationScaleG0.Shape.class));
        // population is no value of covariates.distribution (StudySchema leaves it out): a population block makes it
        assertArrayEquals(new String[] {"uniform", "normal", "grid", "gate", "population"},
                ConfigNamed.configNames(Covariates.Distribution.class));
    }

    @Test
    void lookUpAndRefusal() {
        assertSame(StopRule.ABSOLUTE, ConfigNamed.fromConfigName(StopRule.class, "stop", "absolute"));
        assertSame(Acceleration.SQUAREM_S1, ConfigNamed.fromConfigName(Acceleration.class, "accelerate", "squarem-s1"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ConfigNamed.fromConfigName(StopRule.class, "stop", "rel"));
        assertEquals("stop", e.parameter());
        assertEquals("must be one of absolute, relative, got 'rel'", e.problem());
        assertEquals("stop: must be one of absolute, relative, got 'rel'", e.getMessage());
        // The constant's name, not its config name, is refused.
        assertThrows(InvalidParameterException.class, () -> ConfigNamed.fromConfigName(InitKind.class, "init",
                "NEAR_TRUTH"));
    }

    /** Each g0 and covariate law reports its family, whose config name is its {@code type()}. */
    @Test
    void familiesOfTheModels() {
        assertEquals("none", NoG0.INSTANCE.type());
        assertEquals("gaussian-linear", new GaussianLinearG0(new double[] {1}, 0, 1).type());
        assertEquals("gaussian-nonlinear", new GaussianNonlinearG0(MeanFunction.SIN, new double[] {1, 1}, 1).type());
        assertEquals("student-t", new StudentTG0(new double[] {1}, 0, 1, 3).type());
        assertSame(Covariates.Distribution.UNIFORM, new UniformCovariates(new double[] {0}, new double[] {1})
                .distribution());
        assertSame(Covariates.Distribution.NORMAL, new NormalCovariates(new double[] {0}, new double[] {1})
                .distribution());
        assertSame(Covariates.Distribution.GRID, new GridCovariates(0, 1).distribution());
    }

    @Test
    void aRefusalCarriesItsParameter() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new org.dgmoe.core.study.GofPlan(0, new double[] {0.1, 1.0}));
        assertEquals("alpha[1]", e.parameter());
        assertEquals("must be in (0, 1), got 1.0", e.problem());
        assertThrows(IllegalArgumentException.class, () -> new InvalidParameterException("", "x"));
    }
}
