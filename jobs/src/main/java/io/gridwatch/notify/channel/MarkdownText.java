package io.gridwatch.notify.channel;

import java.nio.charset.StandardCharsets;

/**
 * Notices are Markdown read in DingTalk and WeCom: text residents wrote must not become Markdown there, and a notice
 * must fit the robot's limit, or it is refused and dead-lettered for good.
 */
public final class MarkdownText {

    /** What replaces the cut middle of a notice too long for its channel. */
    public static final String CUT = "\n\n……（内容过长，已截断；全文请在看板中查看）\n\n";

    private MarkdownText() {}

    /**
     * {@code text} made inert: every character Markdown or HTML would read — brackets and parentheses (links),
     * emphasis, code, headings, tables, quotes, images — replaced by its full-width form, which reads the same in
     * Chinese text, and {@code ://} broken so no client links it. An address like {@code [点此签收](http://…)} then
     * shows as text instead of an official-looking link.
     */
    public static String inert(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(switch (c) {
                case '[' -> '［';
                case ']' -> '］';
                case '(' -> '（';
                case ')' -> '）';
                case '<' -> '＜';
                case '>' -> '＞';
                case '*' -> '＊';
                case '_' -> '＿';
                case '`' -> '｀';
                case '#' -> '＃';
                case '|' -> '｜';
                case '!' -> '！';
                case '~' -> '～';
                case '\\' -> '＼';
                default -> c;
            });
        }
        return out.toString().replace("://", "：//");
    }

    /**
     * {@code markdown} within {@code maxBytes} of UTF-8: as it is when it fits; else its beginning, {@link #CUT}, and
     * its last line — the link to the full warning — so the recipient still gets there.
     */
    public static String fit(String markdown, int maxBytes) {
        if (bytes(markdown) <= maxBytes) {
            return markdown;
        }
        int lastLine = markdown.lastIndexOf('\n');
        String tail = lastLine < 0 ? "" : markdown.substring(lastLine + 1);
        if (bytes(tail) + bytes(CUT) > maxBytes / 2) {
            tail = ""; // no link line worth keeping at this size
        }
        int budget = maxBytes - bytes(CUT) - bytes(tail);
        StringBuilder head = new StringBuilder();
        int used = 0;
        for (int i = 0; i < markdown.length(); ) {
            int codePoint = markdown.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            head.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return head + CUT + tail;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
