package io.tierserve.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A raw message becomes its subject and readable body: no routing headers, encodings undone. */
class SpamAssassinTests {

    @Test
    void theTextIsTheSubjectAndTheBodyWithoutRoutingHeaders() {
        String raw = "Return-Path: <list-admin@example.org>\nReceived: from mail.example.org by relay\n"
                + "Subject: Weekly\n notes\nX-Spam-Status: No\n\nHello,\n\n\n\nsee you   Friday.\n";
        String text = SpamAssassin.text(raw);
        assertThat(text).isEqualTo("Subject: Weekly notes\n\nHello,\n\nsee you Friday.");
        assertThat(text).doesNotContain("Received", "X-Spam", "Return-Path");
    }

    @Test
    void multipartQuotedPrintableBase64AndHtmlBodiesAreDecoded() {
        String raw = "Subject: Offer\nContent-Type: multipart/alternative; boundary=\"XYZ\"\n\n"
                + "preamble\n--XYZ\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 =\nprices\n"
                + "--XYZ\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
                + java.util.Base64.getEncoder().encodeToString("<p>Buy <b>now</b> &amp; save</p>".getBytes())
                + "\n--XYZ\nContent-Type: image/gif\n\nR0lGODlh\n--XYZ--\n";
        String text = SpamAssassin.text(raw);
        assertThat(text).startsWith("Subject: Offer\n\n").contains("Café prices", "Buy now & save");
        assertThat(text).doesNotContain("R0lGODlh", "preamble", "<p>");
    }

    @Test
    void theSplitIsSeededByMessageNotByOrder() {
        SpamAssassin.Message message = new SpamAssassin.Message("spam-1", "00042", 1, "text");
        assertThat(message.split(42)).isEqualTo(new SpamAssassin.Message("spam-1", "00042", 1, "other").split(42));
        long distinct = java.util.stream.LongStream.range(0, 20)
                .mapToObj(seed -> message.split(seed))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(1);
    }
}
