# The same data sets through the authors' own R code: Patra's `mixmodel` package (github rohitpatra/mixmodel,
# commit 104f170, files R/dist_calc.R and R/est_mix_model.R; not kept here) with Iso 0.0-18.1 (Debian's
# r-cran-iso). Run beside those two files: Rscript patra_sen_authors.R > patra_sen_authors.out
# Its mix.model(method = "lwr.bnd", gridsize = 600) is the bound; dist.out$distance[k] is D(k/600).
library(Iso)
source("dist_calc.R")
source("est_mix_model.R")
d <- read.csv("patra_sen_data.csv")
for (s in unique(d$set)) {
  u <- d$u[d$set == s]
  m <- mix.model(u, method = "lwr.bnd", gridsize = 600)
  dist <- m$dist.out$distance
  cat(s, "alp.Lwr", sprintf("%.17g", m$alp.Lwr), "D(1/600)", sprintf("%.17g", dist[1]),
      "D(0.5)", sprintf("%.17g", dist[300]), "\n")
}
