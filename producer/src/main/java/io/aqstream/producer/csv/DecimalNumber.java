package io.aqstream.producer.csv;

/**
 * Reads a number in one notation only: {@code -?digits(Ddigits)?} where D is the format's decimal separator;
 * no grouping, no exponent, no blanks. Why so strict: {@code 1.360} could be 1.36 or 1360, so a number in
 * another locale's notation is reported rather than misread.
 *
 * <p>Hand-written: it runs for every value of multi-million-row replays. The result equals
 * {@link Double#parseDouble} (an integer mantissa divided by an exact power of ten is correctly rounded).
 */
public final class DecimalNumber {
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private DecimalNumber() {
    }

    /**
     * @param column 1-based column, for the error
     * @param expected what the error says is expected, e.g. "a number with a decimal comma such as 2,6"
     */
    public static double parse(String s, int from, int to, char decimal, int column, String expected)
            throws RowException {
        return parse(s, from, to, decimal, false, column, expected);
    }

    /** @param exponent whether {@code 1.5e-17} is allowed (a format that says {@code number.exponent = allowed}) */
    public static double parse(String s, int from, int to, char decimal, boolean exponent, int column,
            String expected) throws RowException {
        int i = from;
        boolean negative = false;
        if (i < to && s.charAt(i) == '-') {
            negative = true;
            i++;
        }
        long mantissa = 0;
        int digitCount = 0;
        int fractionDigits = -1;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digitCount < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                }
                digitCount++;
                if (fractionDigits >= 0) {
                    fractionDigits++;
                }
            } else if (c == decimal && fractionDigits < 0 && digitCount > 0) {
                fractionDigits = 0;
            } else if (exponent && (c == 'e' || c == 'E') && digitCount > 0 && fractionDigits != 0
                    && isExponent(s, i + 1, to)) {
                // Rare (7 values in the Beijing files): exactness is Double.parseDouble's.
                return Double.parseDouble(s.substring(from, to).replace(decimal, '.'));
            } else {
                throw new RowException(column, RowException.quote(s, from, to) + describeBadChar(c, decimal), expected);
            }
        }
        if (digitCount == 0 || fractionDigits == 0) {
            throw new RowException(column, RowException.quote(s, from, to), expected);
        }
        int scale = Math.max(fractionDigits, 0);
        double value;
        if (digitCount <= 15 && scale < POW10.length) {
            value = mantissa / POW10[scale];
        } else {
            value = Double.parseDouble(s.substring(negative ? from + 1 : from, to).replace(decimal, '.'));
        }
        return negative ? -value : value;
    }

    /** {@code [+-]?digits} up to {@code to}. */
    private static boolean isExponent(String s, int from, int to) {
        int i = from < to && (s.charAt(from) == '+' || s.charAt(from) == '-') ? from + 1 : from;
        if (i >= to) {
            return false;
        }
        for (; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** "comma", "point" or the character itself, quoted. */
    public static String nameOf(char decimal) {
        return decimal == ',' ? "comma" : decimal == '.' ? "point" : "'" + decimal + "'";
    }

    private static String describeBadChar(char c, char decimal) {
        if ((c == '.' || c == ',') && c != decimal) {
            return " (a " + (c == '.' ? "dot" : "comma") + ": this format writes decimals with a "
                    + nameOf(decimal) + ")";
        }
        return "";
    }
}
