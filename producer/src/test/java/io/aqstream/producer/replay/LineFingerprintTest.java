package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines given as encoded blocks fingerprint exactly as lines given one by one as text (what resume compares). */
class LineFingerprintTest {
    private static final List<String> LINES = List.of("Date;Time;CO(GT)", "10/03/2004;18.00.00;2,6", "", "é;北京;\ud83d\ude00",
            ";;", "11/03/2004;04.00.00;-200");

    @Test
    void blocksOfLinesGiveTheSameFingerprintAsLinesOneByOne() {
        LineFingerprint byText = new LineFingerprint();
        LineFingerprint byBlocks = new LineFingerprint();
        byte[] first = block(LINES.subList(0, 4));
        byte[] second = block(LINES.subList(4, 6));
        int[] ends = {0, 17, 41, 42, first.length};
        byText.add(LINES.get(0));
        byBlocks.add(first, 0, 17);
        assertEquals(byText.snapshot(), byBlocks.snapshot(), "a snapshot flushes what is pending");
        for (int i = 1; i < 4; i++) {
            byText.add(LINES.get(i));
            byBlocks.add(first, ends[i], ends[i + 1]);
        }
        byText.add(LINES.get(4));
        byBlocks.add(second, 0, 3); // a new block: the last one's lines go to the digest first
        assertEquals(byText.snapshot(), byBlocks.snapshot());
        byText.add(LINES.get(5));
        byBlocks.add(LINES.get(5)); // text after bytes keeps the order
        assertEquals(byText.snapshot(), byBlocks.snapshot());
    }

    private static byte[] block(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
