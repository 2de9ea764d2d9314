package io.tierserve.worker.cascade;

/** How a cascade's stages relate to each other. */
public enum CascadeKind {
    /** Exits of one network: each stage continues from its parent's hidden state; nothing is recomputed. */
    EARLY_EXIT("early-exit"),
    /** Separate models: each stage reads the preprocessed input. */
    SEPARATE("separate");

    private final String json;

    CascadeKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static CascadeKind fromJson(String value) {
        for (CascadeKind kind : values()) {
            if (kind.json.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown cascade kind '" + value + "' (early-exit | separate)");
    }
}
