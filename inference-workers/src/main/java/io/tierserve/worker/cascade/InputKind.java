package io.tierserve.worker.cascade;

/** What a cascade's first stage reads, as a caller sends it. */
public enum InputKind {
    /** A PNG or JPEG image, preprocessed per the manifest; or a tensor already preprocessed. */
    IMAGE("image"),
    /** Only a tensor in the input layout (no image preprocessing is stated). */
    TENSOR("tensor"),
    /** A UTF-8 text; every stage reads the text itself (its own tokenizer or features). */
    TEXT("text");

    private final String json;

    InputKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static InputKind fromJson(String value) {
        for (InputKind kind : values()) {
            if (kind.json.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown input kind '" + value + "' (image | tensor | text)");
    }
}
