package dev.shoplab.loadtests.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A number of seconds as people type it, for every option of the lab's verbs that takes a duration: {@code 20},
 * {@code 20s} or {@code 2m}; 0 to 999999 (a minute count times 60).
 */
final class Seconds implements CommandLine.ITypeConverter<Integer> {

    private static final Pattern SECONDS = Pattern.compile("(\\d{1,6})\\s*(s|m)?");

    @Override
    public Integer convert(String value) {
        Matcher m = SECONDS.matcher(value.trim());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is no number of seconds: give 20, 20s"
                    + " or 2m");
        }
        return Integer.parseInt(m.group(1)) * ("m".equals(m.group(2)) ? 60 : 1);
    }
}
