package io.tierserve.platform.worker;

/**
 * Which loaded cascade runs a request: a key that names the models' content, and where a worker that
 * does not hold it fetches it.
 *
 * @param key the cascade's name in a worker (the bundled demo's name, or one derived from the uploaded
 *     models' digests)
 * @param source the control plane path of the key's manifest ({@code /internal/models/...}), or null
 *     for a cascade every worker bundles
 */
public record ModelRef(String key, String source) {}
