package io.tierserve.worker.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every number the plain reader converts is the number the JDK's correctly rounded parsers give
 * (exhaustively for the short decimals tensors are sent as, by seeded sampling beyond), and every
 * form outside JSON's plain grammar is refused rather than guessed.
 */
class PlainJsonTests {

    private static PlainJson json(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new PlainJson(bytes, bytes.length);
    }

    private static float floatOf(String text) {
        PlainJson json = json(text);
        float value = json.floatValue();
        if (!json.atEnd()) {
            fail("not all of " + text + " was read");
        }
        return value;
    }

    private static double doubleOf(String text) {
        PlainJson json = json(text);
        double value = json.doubleValue();
        if (!json.atEnd()) {
            fail("not all of " + text + " was read");
        }
        return value;
    }

    // plain comparisons: a million AssertJ assertions would dominate the test's time
    private static void assertSameFloat(String text, float expected) {
        float actual = floatOf(text);
        if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected)) {
            fail(text + " read as " + actual + ", expected " + expected);
        }
    }

    @Test
    void everyDecimalWithUpToFiveDigitsAndFourPlacesIsTheJdksFloat() {
        for (int mantissa = 0; mantissa < 100_000; mantissa++) {
            for (int places = 0; places <= 4; places++) {
                String digits = Integer.toString(mantissa);
                String text = places == 0
                        ? digits + ".0"
                        : digits.length() > places
                                ? digits.substring(0, digits.length() - places) + "."
                                        + digits.substring(digits.length() - places)
                                : "0." + "0".repeat(places - digits.length()) + digits;
                assertSameFloat(text, Float.parseFloat(text));
                assertSameFloat("-" + text, Float.parseFloat("-" + text));
            }
        }
    }

    @Test
    void sampledNumbersOfEveryShapeAreTheJdksFloatsAndDoubles() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 40_000; i++) {
            String text = randomNumber(random);
            boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
            // an integer is read as a long and converted, as Jackson does ("-0" is 0, not -0.0)
            float expected = integral ? (float) Long.parseLong(text) : Float.parseFloat(text);
            double expectedDouble = integral ? (double) Long.parseLong(text) : Double.parseDouble(text);
            if (Float.isInfinite(expected)) {
                // past a float's range: left to Jackson, which says what it makes of it
                assertThatThrownBy(() -> floatOf(text)).as(text).isInstanceOf(PlainJson.NotPlain.class);
            } else {
                assertSameFloat(text, expected);
            }
            double actual = doubleOf(text);
            if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expectedDouble)) {
                fail(text + " read as " + actual + ", expected " + expectedDouble);
            }
        }
        // what printing a float gives back is that float
        for (int i = 0; i < 20_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertSameFloat(Float.toString(value), value);
                assertSameFloat(
                        String.format(Locale.ROOT, "%.4f", value),
                        Float.parseFloat(String.format(Locale.ROOT, "%.4f", value)));
            }
        }
    }

    /** A number in JSON's grammar: up to 25 digits before and after the point, an exponent sometimes. */
    private static String randomNumber(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append('-');
        }
        int integerDigits = random.nextInt(1, 26);
        text.append(integerDigits == 1 ? random.nextInt(10) : random.nextInt(1, 10));
        for (int i = 1; i < integerDigits; i++) {
            text.append(random.nextInt(10));
        }
        boolean fraction = random.nextInt(4) > 0;
        if (fraction) {
            text.append('.');
            int fractionDigits = random.nextInt(1, 26);
            for (int i = 0; i < fractionDigits; i++) {
                text.append(random.nextInt(10));
            }
        }
        if (random.nextInt(3) == 0 || !fraction && integerDigits > 17) {
            text.append(random.nextBoolean() ? 'e' : 'E');
            int sign = random.nextInt(3);
            text.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            text.append(random.nextInt(0, 50));
        }
        return text.toString();
    }

    @Test
    void integersAreReadThroughALongAsJacksonDoes() {
        assertSameFloat("0", 0f);
        assertSameFloat("-0", 0f); // an integer token: the long 0, not -0.0
        assertSameFloat("-0.0", -0f);
        assertSameFloat("16777217", (float) 16_777_217L);
        assertSameFloat("123456789012345678", (float) 123_456_789_012_345_678L);
        assertThat(json("[1, 28, 28]").longArray()).containsExactly(1, 28, 28);
        assertThat(json("[]").floatArray()).isEmpty();
        float[] many = json("[" + "1.5,".repeat(999) + "2]").floatArray();
        assertThat(many).hasSize(1000);
        assertThat(many[999]).isEqualTo(2f);
    }

    @Test
    void formsOutsideThePlainGrammarAreRefused() {
        for (String number : new String[] {
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "NaN",
            "Infinity",
            "-Infinity",
            "1x",
            "0x10",
            "1.5.2",
            "3.5e38",
            "1" + "0".repeat(70),
            "99999999999999999999",
            "1.0e5x"
        }) {
            assertThatThrownBy(() -> floatOf(number)).as(number).isInstanceOf(PlainJson.NotPlain.class);
        }
        assertThatThrownBy(() -> json("1.5").longValue()).isInstanceOf(PlainJson.NotPlain.class);
        assertThatThrownBy(() -> json("1e2").longValue()).isInstanceOf(PlainJson.NotPlain.class);
        for (String string : new String[] {"\"a\\\"b\"", "\"tab\there\"", "\"caf\u00e9\"", "\"open", "'single'"}) {
            assertThatThrownBy(() -> json(string).string()).as(string).isInstanceOf(PlainJson.NotPlain.class);
        }
        for (String bool : new String[] {"tru", "truex", "null", "True", "1"}) {
            assertThatThrownBy(() -> json(bool).bool()).as(bool).isInstanceOf(PlainJson.NotPlain.class);
        }
        for (String array : new String[] {"[1,]", "[,1]", "[1 2]", "[1,null]", "[[1]]", "[1", "1]"}) {
            assertThatThrownBy(() -> json(array).floatArray()).as(array).isInstanceOf(PlainJson.NotPlain.class);
        }
    }

    @Test
    void objectsAreReadMemberByMember() {
        PlainJson json = json(" {\n\t\"a\" : true , \"b\":[ 1 ,2 ] }  ");
        json.expect('{');
        assertThat(json.nextName(true)).isEqualTo("a");
        assertThat(json.bool()).isTrue();
        assertThat(json.nextName(false)).isEqualTo("b");
        assertThat(json.longArray()).containsExactly(1, 2);
        assertThat(json.nextName(false)).isNull();
        assertThat(json.atEnd()).isTrue();
        PlainJson empty = json("{}");
        empty.expect('{');
        assertThat(empty.nextName(true)).isNull();
        PlainJson missingComma = json("{\"a\":1 \"b\":2}");
        missingComma.expect('{');
        missingComma.nextName(true);
        missingComma.longValue();
        assertThatThrownBy(() -> missingComma.nextName(false)).isInstanceOf(PlainJson.NotPlain.class);
    }
}
