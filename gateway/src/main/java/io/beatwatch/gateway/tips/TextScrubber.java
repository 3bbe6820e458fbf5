package io.beatwatch.gateway.tips;

import java.util.regex.Pattern;

/**
 * Removes what identifies a person from a tip's free text before it leaves the gateway: e-mail
 * addresses, phone numbers, web addresses and long digit runs (ids, plates, card numbers) become
 * {@code [removed]}. Deliberately eager: a removed street number costs less than a kept phone.
 */
public final class TextScrubber {

    /** What replaces each removed part. */
    public static final String REMOVED = "[removed]";

    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s]+");

    /** Seven or more digits, possibly split by spaces, dots, dashes or brackets, with a +. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d(?:[\\s().-]*\\d){6,}");

    private TextScrubber() {}

    /** The text with identifying parts replaced; null stays null. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        var s = EMAIL.matcher(text).replaceAll(REMOVED);
        s = URL.matcher(s).replaceAll(REMOVED);
        s = PHONE.matcher(s).replaceAll(REMOVED);
        return s;
    }
}
