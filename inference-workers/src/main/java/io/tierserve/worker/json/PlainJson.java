package io.tierserve.worker.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over a JSON document in bytes that reads only the plain forms of values: strings of
 * printable ASCII without escapes, numbers in JSON's grammar, {@code true} and {@code false},
 * arrays of numbers. Anything else — an escape, a non-ASCII byte, a {@code null}, a malformed
 * token — throws {@link NotPlain}, and the caller parses the same bytes with Jackson instead, which
 * then decides what the document means or why it is wrong.
 *
 * <p>It exists for one reason: a tensor of a few thousand numbers in JSON is the body of nearly every
 * inference request, and reading it byte by byte into a {@code float[]} is several times cheaper
 * than a general parser's token machinery. Every value it does read is the value Jackson would read:
 * numbers are converted with correct rounding (an exact fast path when the digits and the power of
 * ten are both exact in the target type, the JDK's parser otherwise), integers read into a
 * {@code float} as Jackson converts them (through a {@code long}), and a number longer than
 * {@link #MAX_NUMBER_LENGTH} characters is left to Jackson's own limits.
 *
 * <p>Not thread-safe; one instance reads one document.
 */
public final class PlainJson {

    /** The longest number token read here; longer ones go to Jackson and its limits. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private static final float[] FLOAT_POWERS = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final double[] DOUBLE_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    // the largest significands exact in a float (2^24) and a double (2^53)
    private static final long FLOAT_EXACT = 1L << 24;
    private static final long DOUBLE_EXACT = 1L << 53;

    private final byte[] bytes;
    private final int end;
    private int at;

    // the number token just scanned: its bounds, its significant digits as a long, its power of ten
    private int numberStart;
    private boolean integral;
    private boolean negative;
    private long digits;
    private int exponent;
    private boolean exact;

    /** A cursor at the start of {@code bytes[0..length)}. */
    public PlainJson(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + bytes.length);
        }
        this.bytes = bytes;
        this.end = length;
    }

    /** Thrown when the document is not in the plain forms read here; the caller falls back. */
    public static final class NotPlain extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not a plain JSON form", null, false, false);
        }
    }

    /** Gives up on the document: the caller falls back to a general parser. */
    public static NotPlain notPlain() {
        return NotPlain.INSTANCE;
    }

    /** Skips whitespace and consumes {@code c}. */
    public void expect(char c) {
        skipWhitespace();
        if (at >= end || bytes[at] != c) {
            throw notPlain();
        }
        at++;
    }

    /** Skips whitespace and consumes {@code c} if it is next; whether it was. */
    public boolean consume(char c) {
        skipWhitespace();
        if (at < end && bytes[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    /** Skips whitespace; whether the document ends here. */
    public boolean atEnd() {
        skipWhitespace();
        return at == end;
    }

    /** A string of printable ASCII without escapes. */
    public String string() {
        expect('"');
        int start = at;
        while (at < end) {
            byte b = bytes[at];
            if (b == '"') {
                at++;
                return new String(bytes, start, at - 1 - start, StandardCharsets.ISO_8859_1);
            }
            if (b < 0x20 || b > 0x7e || b == '\\') {
                throw notPlain();
            }
            at++;
        }
        throw notPlain();
    }

    /**
     * An object's next member name followed by its colon, or null after the closing brace; call it
     * after the opening brace and after each value.
     */
    public String nextName(boolean first) {
        if (consume('}')) {
            return null;
        }
        if (!first) {
            expect(',');
        }
        String name = string();
        expect(':');
        return name;
    }

    /** {@code true} or {@code false}. */
    public boolean bool() {
        skipWhitespace();
        if (matches("true")) {
            return true;
        }
        if (matches("false")) {
            return false;
        }
        throw notPlain();
    }

    /** A number as Jackson reads it into a {@code Double}. */
    public double doubleValue() {
        scanNumber();
        if (integral) {
            return negative ? -digits : digits;
        }
        if (exact && digits < DOUBLE_EXACT && exponent >= -22 && exponent <= 22) {
            double value = exponent < 0 ? digits / DOUBLE_POWERS[-exponent] : digits * DOUBLE_POWERS[exponent];
            return negative ? -value : value;
        }
        return Double.parseDouble(numberText());
    }

    /** A number as Jackson reads it into a {@code float}. */
    public float floatValue() {
        scanNumber();
        if (integral) {
            // Jackson reads an integer token as a long and converts that
            return (float) (negative ? -digits : digits);
        }
        float value;
        if (exact && digits <= FLOAT_EXACT && exponent >= -10 && exponent <= 10) {
            value = exponent < 0 ? digits / FLOAT_POWERS[-exponent] : digits * FLOAT_POWERS[exponent];
            value = negative ? -value : value;
        } else {
            value = Float.parseFloat(numberText());
        }
        if (Float.isInfinite(value)) {
            throw notPlain();
        }
        return value;
    }

    /** An integer number that fits a {@code long}. */
    public long longValue() {
        scanNumber();
        if (!integral) {
            throw notPlain();
        }
        return negative ? -digits : digits;
    }

    /** An array of numbers read as {@code float}s. */
    public float[] floatArray() {
        expect('[');
        float[] values = new float[64];
        int n = 0;
        if (!consume(']')) {
            do {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = floatValue();
            } while (consume(','));
            expect(']');
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** An array of integers that fit a {@code long}. */
    public long[] longArray() {
        expect('[');
        long[] values = new long[8];
        int n = 0;
        if (!consume(']')) {
            do {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = longValue();
            } while (consume(','));
            expect(']');
        }
        return Arrays.copyOf(values, n);
    }

    private boolean matches(String word) {
        int length = word.length();
        if (end - at < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[at + i] != word.charAt(i)) {
                return false;
            }
        }
        // a literal must end where a value may end
        if (at + length < end && isWordByte(bytes[at + length])) {
            return false;
        }
        at += length;
        return true;
    }

    private static boolean isWordByte(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b < 0;
    }

    private void skipWhitespace() {
        while (at < end) {
            byte b = bytes[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    /**
     * Scans one number in JSON's grammar, {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?},
     * into {@link #digits} and {@link #exponent}; {@link #exact} says whether every significant digit
     * fit in {@link #digits}.
     */
    private void scanNumber() {
        skipWhitespace();
        numberStart = at;
        negative = at < end && bytes[at] == '-';
        if (negative) {
            at++;
        }
        digits = 0;
        exponent = 0;
        exact = true;
        integral = true;
        int integerStart = at;
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
            addDigit(bytes[at] - '0', false);
            at++;
        }
        int integerDigits = at - integerStart;
        if (integerDigits == 0 || integerDigits > 1 && bytes[integerStart] == '0') {
            throw notPlain();
        }
        if (at < end && bytes[at] == '.') {
            integral = false;
            at++;
            int fractionStart = at;
            while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
                addDigit(bytes[at] - '0', true);
                at++;
            }
            if (at == fractionStart) {
                throw notPlain();
            }
        }
        if (at < end && (bytes[at] == 'e' || bytes[at] == 'E')) {
            integral = false;
            at++;
            boolean negativeExponent = false;
            if (at < end && (bytes[at] == '+' || bytes[at] == '-')) {
                negativeExponent = bytes[at] == '-';
                at++;
            }
            int exponentStart = at;
            int written = 0;
            while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
                if (written < 100_000) {
                    written = written * 10 + bytes[at] - '0';
                }
                at++;
            }
            if (at == exponentStart) {
                throw notPlain();
            }
            exponent += negativeExponent ? -written : written;
        }
        if (at - numberStart > MAX_NUMBER_LENGTH
                || integral && !exact
                || at < end && isWordByte(bytes[at])
                || at < end && bytes[at] == '.') {
            throw notPlain();
        }
    }

    private void addDigit(int digit, boolean fraction) {
        if (digits <= (Long.MAX_VALUE - 9) / 10) {
            digits = digits * 10 + digit;
            if (fraction) {
                exponent--;
            }
        } else {
            // a digit past a long's precision: the exact paths are off, the JDK's parser reads the text
            exact = false;
            if (!fraction) {
                exponent++;
            }
        }
    }

    private String numberText() {
        return new String(bytes, numberStart, at - numberStart, StandardCharsets.ISO_8859_1);
    }
}
