package io.tierserve.policy.profile;

/** A profile split into the half the model is fitted on and the half every reported number is measured on. */
public record ProfileSplit(Profile fit, Profile heldOut) {}
