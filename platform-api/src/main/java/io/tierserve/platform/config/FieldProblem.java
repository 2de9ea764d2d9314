package io.tierserve.platform.config;

/** One thing wrong with a request: the JSON path of the offending field and what is wrong with it. */
public record FieldProblem(String field, String message) {}
