package io.aqstream.producer.replay;

import picocli.CommandLine;

/** {@code --speed}: {@code max}, or how many times faster than real time the data's own clock runs. */
public final class Speed {
    public static final Speed MAX = new Speed(0);
    private final double factor;

    private Speed(double factor) {
        this.factor = factor;
    }

    public static Speed of(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("speed must be a positive number");
        }
        return new Speed(factor);
    }

    public boolean isMax() {
        return factor == 0;
    }

    /** Data seconds per wall-clock second; meaningless for {@link #MAX}. */
    public double factor() {
        return factor;
    }

    @Override
    public String toString() {
        return isMax() ? "max" : (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor));
    }

    /** picocli converter: {@code max} or a positive number. */
    public static final class Converter implements CommandLine.ITypeConverter<Speed> {
        @Override
        public Speed convert(String value) {
            if ("max".equalsIgnoreCase(value.strip())) {
                return MAX;
            }
            try {
                return of(Double.parseDouble(value.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a speed: use 'max' or a"
                        + " positive number N (N times real time; 3600 = one data hour per second)");
            }
        }
    }
}
