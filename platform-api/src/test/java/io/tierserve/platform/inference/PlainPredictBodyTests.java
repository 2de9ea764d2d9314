package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tierserve.platform.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain reader of {@code /v1} bodies reads every body of the common form, and whatever it
 * reads is what the application's strict JSON mapper reads from the same bytes: on generated
 * bodies in many spellings, and on thousands of random mutations of them, where it must either
 * decline or agree with the mapper (never accept what the mapper refuses).
 */
@ApiTest
class PlainPredictBodyTests {

    private static final String[] MUTATIONS = {
        "\"",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "0",
        "-",
        ".",
        "e",
        "E",
        "+",
        " ",
        "n",
        "null",
        "t",
        "\\",
        "\u00e9",
        "1",
        "x",
        "\n",
        "\"tier\":\"fast\",",
        "\"data\":[1],"
    };

    @Autowired
    JsonMapper mapper;

    @Test
    void everyGeneratedBodyIsReadAsTheMapperReadsIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] body = body(random).getBytes(StandardCharsets.UTF_8);
            PublicPredictRequest plain = PlainPredictBody.read(body, body.length);
            if (plain == null) {
                fail("not read: " + new String(body, StandardCharsets.UTF_8));
            }
            assertSame(plain, mapper.readValue(body, PublicPredictRequest.class), body);
        }
    }

    @Test
    void aMutatedBodyIsDeclinedOrReadAsTheMapperReadsIt() {
        SplittableRandom random = new SplittableRandom(11);
        int read = 0;
        int declined = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(body(random));
            for (int edits = random.nextInt(1, 3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, MUTATIONS[random.nextInt(MUTATIONS.length)]);
                    default -> text.setCharAt(at, MUTATIONS[random.nextInt(MUTATIONS.length)].charAt(0));
                }
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            PublicPredictRequest plain = PlainPredictBody.read(body, body.length);
            if (plain == null) {
                declined++;
                continue;
            }
            read++;
            PublicPredictRequest expected;
            try {
                expected = mapper.readValue(body, PublicPredictRequest.class);
            } catch (JacksonException e) {
                fail("read what the mapper refuses (" + e.getOriginalMessage() + "): " + text);
                return;
            }
            assertSame(plain, expected, body);
        }
        // both sides of the check were exercised
        assertThat(read).isGreaterThan(1_000);
        assertThat(declined).isGreaterThan(1_000);
    }

    @Test
    void otherFormsAreLeftToTheMapper() {
        for (String body : new String[] {
            "{\"image\":\"aGVsbG8=\"}",
            "{\"inputs\":[{\"tensor\":{\"shape\":[1],\"data\":[1]}}]}",
            "{\"tier\":\"fast\",\"tier\":\"exact\"}",
            "{\"tensor\":{\"shape\":[1],\"shape\":[1],\"data\":[1]}}",
            "{\"tier\":null}",
            "{\"tier\":\"f\\u0061st\"}",
            "{\"tier\":\"fast\"} {}",
            "{\"tier\":\"fast\",}",
            "{\"tensor\":{\"shape\":[1.0],\"data\":[1]}}",
            "{\"tensor\":{\"shape\":[1],\"data\":[01]}}",
            "{\"tensor\":{\"shape\":[1],\"data\":[\"1\"]}}",
            "{\"tensor\":{\"shape\":[1],\"data\":[1e39]}}",
            "{\"scores\":1}",
            "{\"deadlineMs\":\"5\"}",
            "{\"unknown\":1}",
            "{\"tier\":\"exact\",\"text\":\"Subject: hello\"}",
            "[]",
            "\ufeff{}"
        }) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThat(PlainPredictBody.read(bytes, bytes.length)).as(body).isNull();
        }
    }

    private static void assertSame(PublicPredictRequest plain, PublicPredictRequest expected, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(plain.tier()).as(text).isEqualTo(expected.tier());
        assertThat(plain.deadlineMs()).as(text).isEqualTo(expected.deadlineMs());
        assertThat(plain.scores()).as(text).isEqualTo(expected.scores());
        assertThat(plain.image()).as(text).isEqualTo(expected.image());
        assertThat(plain.inputs()).as(text).isEqualTo(expected.inputs());
        assertThat(plain.text()).as(text).isEqualTo(expected.text());
        if (expected.tensor() == null) {
            assertThat(plain.tensor()).as(text).isNull();
            return;
        }
        assertThat(plain.tensor()).as(text).isNotNull();
        assertThat(plain.tensor().shape()).as(text).isEqualTo(expected.tensor().shape());
        // Arrays.equals on floats compares bits: -0.0 and 0.0 differ
        if (!java.util.Arrays.equals(plain.tensor().data(), expected.tensor().data())) {
            fail("data differs from the mapper's: " + text);
        }
    }

    /** A body of the common form, spelled in one of many ways: member order, spacing, number formats. */
    private static String body(SplittableRandom random) {
        List<String> members = new ArrayList<>();
        String space = random.nextInt(4) == 0 ? " \n\t" : random.nextBoolean() ? " " : "";
        if (random.nextBoolean()) {
            members.add("\"tier\":" + space + "\"" + (random.nextBoolean() ? "fast" : "within-20ms") + "\"");
        }
        if (random.nextInt(5) > 0) {
            members.add("\"tensor\":" + space + tensor(random, space));
        }
        if (random.nextInt(3) == 0) {
            members.add("\"deadlineMs\":" + space + number(random));
        }
        if (random.nextInt(3) == 0) {
            members.add("\"scores\":" + space + random.nextBoolean());
        }
        Collections.shuffle(members, new java.util.Random(random.nextLong()));
        return space + "{" + space + String.join("," + space, members) + space + "}" + space;
    }

    private static String tensor(SplittableRandom random, String space) {
        int length = random.nextInt(0, 40);
        StringJoiner data = new StringJoiner("," + space, "[" + space, space + "]");
        for (int i = 0; i < length; i++) {
            data.add(number(random));
        }
        String shape = "[" + space + "1," + space + length + "]";
        return random.nextBoolean()
                ? "{\"shape\":" + shape + ",\"data\":" + data + "}"
                : "{" + space + "\"data\":" + space + data + "," + space + "\"shape\":" + shape + space + "}";
    }

    /** A JSON number as clients print them: fixed decimals, shortest floats, exponents, integers. */
    private static String number(SplittableRandom random) {
        float value = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 9)));
        return switch (random.nextInt(8)) {
            case 0 -> String.format(Locale.ROOT, "%.4f", value);
            case 1 -> Float.toString(value).replace("E", random.nextBoolean() ? "e" : "E");
            case 2 -> Double.toString(random.nextDouble() * 1e-3);
            case 3 -> Integer.toString(random.nextInt(-1000, 1000));
            case 4 -> String.format(Locale.ROOT, "%.9e", value);
            case 5 -> random.nextBoolean() ? "-0" : "-0.0";
            case 6 -> "0." + "0".repeat(random.nextInt(10)) + random.nextLong(1, Long.MAX_VALUE);
            default -> String.format(Locale.ROOT, "%.2f", value * 100);
        };
    }
}
