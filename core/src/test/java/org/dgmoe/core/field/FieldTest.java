package org.dgmoe.core.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTest {
    private record Point(double x, double yValue) {
    }

    private static final Field<Point> X = Field.of("x", ValueType.DOUBLE, "the abscissa", Point::x);
    private static final Field<Point> Y = Field.of("yValue", ValueType.DOUBLE, "the ordinate", Point::yValue);

    @Test
    void aFieldsColumnIsItsNameInSnakeCaseAndItsKeyItsName() {
        assertEquals("log_likelihood", Field.snakeCase("logLikelihood"));
        assertEquals("hessian_negative_definite", Field.snakeCase("hessianNegativeDefinite"));
        assertEquals("cell1_size", Field.snakeCase("cell1Size"));
        assertEquals("y_value", Y.column());
        assertEquals("yValue", Y.key());
        Field<Point> kept = Y.inColumn("y").withKey("ordinate");
        assertEquals(List.of("yValue", "y", "ordinate"), List.of(kept.name(), kept.column(), kept.key()));
    }

    @Test
    void aPartReadsItselfBackFromItsFieldsValues() {
        Part<Point> part = new Part<>(List.of(X, Y), v -> new Point(v.number(X), v.number(Y)));
        Point p = new Point(1.5, -0.0);
        Map<String, Object> byColumn = new java.util.HashMap<>();
        for (Column<Point> c : part.of((Point q) -> q)) {
            byColumn.put(c.field().column(), c.get(p));
        }
        assertEquals(p, part.read(f -> byColumn.get(f.column())));
    }

    @Test
    void aSpellingDeclaredTwiceIsRefused() {
        Field<Point> again = Field.of("z", ValueType.DOUBLE, "another", Point::x).inColumn("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Part<>(List.of(X, again), v -> null));
        assertTrue(e.getMessage().contains("declared twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Part.requireDistinct(List.of(X, X.inColumn("x2"))));
    }

    @Test
    void misuseIsRefusedWithTheName() {
        assertThrows(IllegalArgumentException.class, () -> Field.of("Bad", ValueType.INT, "doc", (Point p) -> 1));
        assertThrows(IllegalArgumentException.class, () -> Field.of("good", ValueType.INT, " ", (Point p) -> 1));
        assertThrows(IllegalArgumentException.class, () -> Field.of("good", ValueType.ENUM, "doc", (Point p) -> 1));
        Values none = f -> null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.number(Y));
        assertTrue(e.getMessage().contains("y_value"), e.getMessage());
    }
}
