## ---- how Tandem computes, step by step (the same for every instrument) ----
## Base R only: nothing to install. Every figure is computed from the item answers in the CSV,
## exactly as Tandem scores them, so the numbers match the page to the last digits.

options(width = 160)
args <- commandArgs(trailingOnly = TRUE)
csv_file <- if (length(args) >= 1) args[[1]] else default_csv
out_file <- if (length(args) >= 2) args[[2]] else NA_character_

d <- read.csv(csv_file, colClasses = "character", check.names = FALSE, na.strings = character(0),
              fileEncoding = "UTF-8")
if (nrow(d) == 0) {
  stop("The export has no learner rows: fewer matched learners than the minimum group size (",
       minimum_group_size, "), so Tandem withholds them and shows no figures either.")
}

num <- function(x) {
  x[x == ""] <- NA
  as.numeric(x)
}

## Text fields that would start a spreadsheet formula carry a leading ' in the CSV.
unguard <- function(x) ifelse(grepl("^'[-=+@\t\r]", x), substring(x, 2), x)

## A reverse-worded item counts (min + max - answer), so that higher is always better.
item_scores <- function(phase, items, reverse) {
  m <- matrix(NA_real_, nrow = nrow(d), ncol = length(items))
  for (i in seq_along(items)) {
    a <- num(d[[paste0(phase, "_", items[i])]])
    m[, i] <- if (reverse[i]) scale_min + scale_max - a else a
  }
  m
}

## A subscale's score is the mean of its answered items when at least half are answered.
subscale_score <- function(phase, s) {
  m <- item_scores(phase, s$items, s$reverse)
  answered <- rowSums(!is.na(m))
  ifelse(answered > 0 & (length(s$items) - answered) * 2 <= length(s$items),
         rowSums(m, na.rm = TRUE) / answered, NA_real_)
}

## Scores of every measure: the subscales in order, then the total (the mean of the subscale
## scores, added up in that order; it exists only when every subscale has a score).
scores <- function(phase) {
  s <- lapply(subscales, function(sc) subscale_score(phase, sc))
  total <- 0
  for (x in s) total <- total + x
  c(s, list(total / length(subscales)))
}

measures <- c(vapply(subscales, function(s) s$id, ""), "total")
all_items <- unlist(lapply(subscales, function(s) s$items))
all_reverse <- unlist(lapply(subscales, function(s) s$reverse))
measure_items <- c(lapply(subscales, function(s) list(items = s$items, reverse = s$reverse)),
                   list(list(items = all_items, reverse = all_reverse)))

pre <- scores("pre")
post <- scores("post")
then <- if (then_test) scores("then") else NULL

## Rows whose group is withheld in the export count in "all" only.
cohorts <- list(all = rep(TRUE, nrow(d)), managers = d$group == "manager",
                clinicians = d$group == "clinician", others = d$group == "other")

results <- data.frame(section = character(0), measure = character(0), cohort = character(0),
                      figure = character(0), value = numeric(0), stringsAsFactors = FALSE)
add <- function(section, measure, cohort, figures) {
  for (name in names(figures)) {
    results[nrow(results) + 1, ] <<- list(section, measure, cohort, name, as.numeric(figures[[name]]))
  }
}

## The comparison of paired scores Tandem makes: descriptives, mean change (second - first) with
## its 95 % interval and the paired t-test, Wilcoxon's signed-rank test with R's defaults, and
## the effect sizes d_z = mean change / SD of the changes and Hedges' g_av = mean change / mean of
## the two SDs, times J = 1 - 3 / (4 (n - 1) - 1).
comparison <- function(first, second) {
  n <- length(first)
  change <- second - first
  f <- list(n = n, pre_mean = mean(first), post_mean = mean(second), mean_change = mean(change))
  if (n >= 2) {
    f$pre_sd <- sd(first)
    f$post_sd <- sd(second)
    f$sd_change <- sd(change)
  }
  if (n >= 2 && sd(change) > 0) {
    tt <- t.test(second, first, paired = TRUE)
    f$ci_lower <- tt$conf.int[1]
    f$ci_upper <- tt$conf.int[2]
    f$t <- unname(tt$statistic)
    f$t_df <- unname(tt$parameter)
    f$t_p <- tt$p.value
    f$dz <- mean(change) / sd(change)
  }
  if (any(change != 0)) {
    # R's defaults: zeros dropped, exact below 50 without ties or zeros, else the normal
    # approximation with continuity correction (R warns that it cannot be exact; that is expected)
    w <- suppressWarnings(wilcox.test(second, first, paired = TRUE))
    f$wilcoxon_v <- unname(w$statistic)
    f$wilcoxon_p <- w$p.value
    f$wilcoxon_zero_differences <- sum(change == 0)
  }
  if (n >= 3) {
    average_sd <- (sd(first) + sd(second)) / 2
    if (average_sd > 0) f$gav <- mean(change) / average_sd * (1 - 3 / (4 * (n - 1) - 1))
  }
  f
}

## Cronbach's alpha over the learners who answered every item (reverse items turned round).
cronbach <- function(m) {
  m <- m[stats::complete.cases(m), , drop = FALSE]
  k <- ncol(m)
  if (k < 2 || nrow(m) < 2) return(NULL)
  total_variance <- var(rowSums(m))
  if (total_variance == 0) return(NULL)
  k / (k - 1) * (1 - sum(apply(m, 2, var)) / total_variance)
}

for (mi in seq_along(measures)) {
  measure <- measures[mi]
  for (cohort in names(cohorts)) {
    rows <- cohorts[[cohort]] & !is.na(pre[[mi]]) & !is.na(post[[mi]])
    if (!any(rows)) next
    add("change", measure, cohort, comparison(pre[[mi]][rows], post[[mi]][rows]))
    items <- measure_items[[mi]]
    alpha_pre <- cronbach(item_scores("pre", items$items, items$reverse)[rows, , drop = FALSE])
    alpha_post <- cronbach(item_scores("post", items$items, items$reverse)[rows, , drop = FALSE])
    if (!is.null(alpha_pre)) add("change", measure, cohort, list(alpha_pre = alpha_pre))
    if (!is.null(alpha_post)) add("change", measure, cohort, list(alpha_post = alpha_post))
    if (then_test) {
      then_rows <- rows & !is.na(then[[mi]])
      if (any(then_rows)) {
        add("then_versus_pre", measure, cohort, comparison(pre[[mi]][then_rows], then[[mi]][then_rows]))
        add("post_versus_then", measure, cohort, comparison(then[[mi]][then_rows], post[[mi]][then_rows]))
      }
    }
  }
  ## Managers' change compared with clinicians': Welch's t-test (R's default for two samples).
  both <- !is.na(pre[[mi]]) & !is.na(post[[mi]])
  managers <- (post[[mi]] - pre[[mi]])[cohorts$managers & both]
  clinicians <- (post[[mi]] - pre[[mi]])[cohorts$clinicians & both]
  if (length(managers) >= 1 && length(clinicians) >= 1) {
    f <- list(managers_n = length(managers), managers_mean_change = mean(managers),
              clinicians_n = length(clinicians), clinicians_mean_change = mean(clinicians),
              difference = mean(managers) - mean(clinicians))
    if (length(managers) >= 2) f$managers_sd_change <- sd(managers)
    if (length(clinicians) >= 2) f$clinicians_sd_change <- sd(clinicians)
    if (length(managers) >= 2 && length(clinicians) >= 2 &&
        var(managers) / length(managers) + var(clinicians) / length(clinicians) > 0) {
      welch <- t.test(managers, clinicians)
      f$ci_lower <- welch$conf.int[1]
      f$ci_upper <- welch$conf.int[2]
      f$welch_t <- unname(welch$statistic)
      f$welch_df <- unname(welch$parameter)
      f$welch_p <- welch$p.value
    }
    add("group_difference", measure, "managers_minus_clinicians", f)
  }
}

## The outlook item before (rows) and after (columns), counted.
if (!is.null(outlook_options)) {
  before <- unguard(d$pre_outlook)
  after <- unguard(d$post_outlook)
  for (cohort in names(cohorts)) {
    rows <- cohorts[[cohort]]
    answered <- rows & before != "" & after != ""
    known <- answered & before %in% outlook_options & after %in% outlook_options
    table <- table(factor(before[known], levels = outlook_options), factor(after[known], levels = outlook_options))
    f <- list(n = sum(known), unanswered = sum(rows & !answered), off_options = sum(answered & !known))
    for (i in seq_along(outlook_options)) {
      for (j in seq_along(outlook_options)) {
        f[[paste0("count_", i - 1, "_", j - 1)]] <- table[i, j]
      }
    }
    add("outlook", "outlook", cohort, f)
  }
}

## ---- the figures, as the page shows them ----
cat("Tandem evaluation of", instrument$title, "- version", instrument$version,
    "(content", substr(instrument$content, 1, 12), ") -", nrow(d), "matched learners\n")
cat("The page withholds the figures of a group with fewer than", minimum_group_size,
    "learners (and of a group that would reveal one); rows whose group is withheld count in 'all' only.\n")
show <- function(section, figures, title) {
  r <- results[results$section == section & results$figure %in% figures, c("measure", "cohort", "figure", "value")]
  if (nrow(r) == 0) return(invisible(NULL))
  wide <- reshape(r, idvar = c("measure", "cohort"), timevar = "figure", direction = "wide")
  names(wide) <- sub("^value[.]", "", names(wide))
  cat("\n==", title, "==\n")
  print(wide, row.names = FALSE, digits = 3)
}
show("change", c("n", "pre_mean", "pre_sd", "post_mean", "post_sd", "mean_change", "ci_lower", "ci_upper",
                 "t_p", "wilcoxon_v", "wilcoxon_p", "dz", "gav", "alpha_pre", "alpha_post"),
     "Change from before to after (post - pre)")
show("group_difference", c("managers_n", "managers_mean_change", "clinicians_n", "clinicians_mean_change",
                           "difference", "ci_lower", "ci_upper", "welch_t", "welch_df", "welch_p"),
     "Managers compared with clinicians")
show("then_versus_pre", c("n", "pre_mean", "post_mean", "mean_change", "ci_lower", "ci_upper", "t_p"),
     "Retrospective then - pre")
show("post_versus_then", c("n", "pre_mean", "post_mean", "mean_change", "ci_lower", "ci_upper", "t_p"),
     "Post - retrospective then")
show("outlook", c("n", grep("^count_", unique(results$figure), value = TRUE)), "Outlook before (first index) and after")

if (!is.na(out_file)) {
  out <- results
  out$value <- sprintf("%.17g", out$value)
  write.csv(out, out_file, row.names = FALSE)
  cat("\nEvery figure, unrounded:", out_file, "\n")
}
