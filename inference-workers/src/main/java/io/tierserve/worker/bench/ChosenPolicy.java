package io.tierserve.worker.bench;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.execution.CascadePolicy;

/** A policy picked on the fit half, with what it achieved there. */
record ChosenPolicy(String strategy, String parameter, CascadePolicy policy, Metrics fit) {}
