package io.tierserve.worker.execution;

/** What a text input may be: the checks every text cascade applies before any stage reads it. */
public final class TextLimits {

    /** The most characters (UTF-16 code units) a text input may have: 100,000. */
    public static final int MAX_CHARS = 100_000;

    private TextLimits() {}

    /** Why {@code text} cannot be a text input, or {@code null} when it can. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "the text is empty";
        }
        if (text.length() > MAX_CHARS) {
            return "the text has " + text.length() + " characters; at most " + MAX_CHARS + " are read";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the text is not valid Unicode: an unpaired surrogate (\\u" + Integer.toHexString(c)
                        + ") at index " + i + " has no UTF-8 form";
            }
        }
        return null;
    }
}
