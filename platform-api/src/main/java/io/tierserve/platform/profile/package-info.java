/** Profiles: what each stage of a cascade did on labelled samples and how long it took, stored per sample and stage. */
package io.tierserve.platform.profile;
