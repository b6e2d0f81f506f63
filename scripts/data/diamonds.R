# Writes conf/data/diamonds.csv, the population of conf/studies/diamonds.conf (docs/population.md): ggplot2's
# diamonds (53 940 round diamonds), only the two columns the study uses, log_carat = log(carat) and
# log_price = log(price in USD), each rounded to 10 significant digits (a relative change below 1e-9, far
# below anything the study measures; it keeps the file near 1 MB). The CSV as written is the population: the
# truth is fitted to these values. It also fits the study's g0 by least squares on all rows, log_price = a + b·log_carat + e, and prints a, b and
# the variance Σe²/N (the normal linear model's MLE of the error variance), which conf/studies/diamonds.conf
# writes as its g0. Run from the repository root: Rscript scripts/data/diamonds.R (needs ggplot2).
suppressPackageStartupMessages(library(ggplot2))
d <- data.frame(log_carat = signif(log(diamonds$carat), 10), log_price = signif(log(diamonds$price), 10))
out <- "conf/data/diamonds.csv"
write.csv(d, out, row.names = FALSE, quote = FALSE)
fit <- lm(log_price ~ log_carat, data = d)
n <- nrow(d)
cat(sprintf("wrote %s: %d rows (ggplot2 %s)\n", out, n, as.character(packageVersion("ggplot2"))))
cat(sprintf("g0: intercept a = %.10f, slope b = %.10f, variance = %.10f (sd %.10f)\n", coef(fit)[1], coef(fit)[2],
            sum(residuals(fit)^2) / n, sqrt(sum(residuals(fit)^2) / n)))
