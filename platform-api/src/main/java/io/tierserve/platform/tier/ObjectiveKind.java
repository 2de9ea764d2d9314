package io.tierserve.platform.tier;

/** What a tier optimises for, and so which parameter it carries. */
public enum ObjectiveKind {
    /** Stay within {@code accuracyTolerance} of the best stage's accuracy, as cheaply as possible. */
    ACCURACY_TOLERANCE,
    /** The most accurate answer whose expected latency stays within {@code latencyBudgetMs}. */
    LATENCY_BUDGET
}
