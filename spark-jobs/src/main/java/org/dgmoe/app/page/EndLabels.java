package org.dgmoe.app.page;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Tick labels at the smallest and largest n when they are not powers of ten (XChart's log axis
 * labels the decades only), drawn under the plot like its own, and left out where one would touch
 * a decade's label.
 */
final class EndLabels extends Annotation {
    private final double[] values;

    EndLabels(double... values) {
        super(false);
        this.values = values;
    }

    @Override
    public void paint(Graphics2D g) {
        AxesChartStyler st = (AxesChartStyler) styler;
        Font font = st.getAxisTickLabelsFont();
        FontMetrics fm = g.getFontMetrics(font);
        int yAxis = Math.max(getYAxisScreenValueForMin(), getYAxisScreenValueForMax()); // the plot's bottom
        int top = yAxis + st.getAxisTickPadding() + st.getAxisTickMarkLength() + 1;
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        double lo = Math.log10(st.getXAxisMin());
        double hi = Math.log10(st.getXAxisMax());
        for (double v : values) {
            double decade = Math.rint(Math.log10(v));
            if (Math.abs(Math.log10(v) - decade) < 1e-9) {
                continue; // XChart labels it
            }
            String text = format.format(v);
            int x = getXAxisScreenValue(v);
            int w = fm.stringWidth(text);
            boolean clash = false;
            for (double d = Math.floor(lo); d <= Math.ceil(hi); d++) {
                if (d < lo || d > hi) {
                    continue;
                }
                int dx = getXAxisScreenValue(Math.pow(10, d));
                int dw = fm.stringWidth(format.format(Math.pow(10, d)));
                if (Math.abs(dx - x) < (w + dw) / 2 + 6) {
                    clash = true;
                }
            }
            if (clash) {
                continue;
            }
            g.setColor(st.getAxisTickMarksColor());
            g.setStroke(st.getAxisTickMarksStroke());
            g.drawLine(x, yAxis, x, yAxis + st.getAxisTickMarkLength());
            g.setColor(st.getXAxisTickLabelsColor());
            g.setFont(font);
            g.drawString(text, x - w / 2f, top + fm.getAscent());
        }
    }
}
