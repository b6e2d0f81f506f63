package org.dgmoe.bench.polish

import breeze.linalg.DenseVector
import breeze.optimize.DiffFunction

/**
 * Breeze's DiffFunction over DenseVector[Double] around a Java objective on double[]. Java cannot
 * implement (or extend a Scala class implementing) the trait itself: it inherits Function1's
 * `Object apply(T)` and StochasticDiffFunction's `double apply(T)`, a return-type clash that only
 * scalac's bridge methods resolve, and javac does not count bridges. So the class is concrete here
 * and Java passes in a lambda.
 */
final class JavaDiffFunction(dimension: Int, objective: JavaDiffFunction.Objective)
    extends DiffFunction[DenseVector[Double]] {
  override def calculate(x: DenseVector[Double]): (Double, DenseVector[Double]) = {
    val xs = if (x.offset == 0 && x.stride == 1 && x.data.length == x.length) x.data else x.toArray
    val g = new Array[Double](dimension)
    val v = objective.valueAndGradient(xs, g)
    (v, DenseVector(g))
  }
}

object JavaDiffFunction {
  /** f(x), with the gradient written into g. */
  trait Objective {
    def valueAndGradient(x: Array[Double], g: Array[Double]): Double
  }
}
