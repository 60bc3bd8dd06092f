package io.aqstream.producer.generate;

import io.aqstream.common.Measurement;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Hourly readings of one simulated station, shaped like the UCI file: traffic pollutants (CO, benzene,
 * NOx, NO2, NMHC) with morning and evening rush-hour peaks, lower at weekends and higher in winter;
 * temperature with a daily and a yearly cycle; relative humidity moving against temperature; absolute
 * humidity derived from both; the five metal-oxide sensors (PT08.*) responding to their gases. Levels are
 * scaled to the real file's means (CO ~2.1 mg/m3, NOx ~250 ppb, T ~18 C, RH ~49 %, AH ~1.0).
 *
 * <p>Missing values follow the real file's rates (see the data README): CO 18.0 %, NMHC 90.2 %, NOx 17.5 %,
 * NO2 17.5 %, and 3.9 % for the sensor block (the five PT08 sensors, C6H6, T, RH, AH), which in the real
 * file go missing together. Everything comes from one seeded random stream per station: same seed, same file.
 */
final class StationModel {
    static final double CO_MISSING = 1683.0 / 9357;
    static final double NMHC_MISSING = 8443.0 / 9357;
    static final double NOX_MISSING = 1639.0 / 9357;
    static final double NO2_MISSING = 1642.0 / 9357;
    static final double SENSOR_MISSING = 366.0 / 9357;

    private final SplittableRandom random;
    private final double level;
    private final MissingPattern coOut;
    private final MissingPattern nmhcOut;
    private final MissingPattern noxOut;
    private final MissingPattern no2Out;
    private final MissingPattern sensorOut;
    private double trafficNoise;
    private double weatherNoise;

    StationModel(long seed, int stationIndex) {
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stationIndex);
        this.level = 0.8 + 0.4 * random.nextDouble(); // some stations are busier than others
        this.coOut = new MissingPattern(CO_MISSING, 12, random);
        this.nmhcOut = new MissingPattern(NMHC_MISSING, 200, random);
        this.noxOut = new MissingPattern(NOX_MISSING, 24, random);
        this.no2Out = new MissingPattern(NO2_MISSING, 24, random);
        this.sensorOut = new MissingPattern(SENSOR_MISSING, 24, random);
    }

    /** The 13 values for one hour, in {@link Measurement} order; {@code null} = missing. */
    Double[] next(LocalDateTime t) {
        int hour = t.getHour();
        double yearPhase = 2 * Math.PI * (t.getDayOfYear() - 15) / 365.25; // 0 = mid January
        boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;

        trafficNoise = 0.85 * trafficNoise + 0.35 * gaussian();
        weatherNoise = 0.95 * weatherNoise + 0.3 * gaussian();
        double rush = 0.35 + 1.1 * bump(hour, 8.5, 1.5) + 1.0 * bump(hour, 19.0, 2.0) + 0.3 * bump(hour, 13.0, 3.0);
        double traffic = level * rush * (weekend ? 0.65 : 1.0) * (1 + 0.3 * Math.cos(yearPhase))
                * Math.exp(0.35 * trafficNoise);

        double co = clamp(0.1 + 2.9 * traffic, 0.1, 11.9);
        double c6h6 = clamp(4.6 * co - 0.4 + 0.6 * gaussian(), 0.1, 63.7);
        double nox = clamp(15 + 320 * traffic * (1 + 0.4 * Math.cos(yearPhase)) + 15 * gaussian(), 2, 1479);
        double no2 = clamp(25 + 0.32 * nox + 10 * gaussian(), 2, 340);
        double nmhc = clamp(20 + 85 * co + 20 * gaussian(), 7, 1189);
        double temp = 18 - 10 * Math.cos(yearPhase) + 5 * Math.sin(2 * Math.PI * (hour - 9) / 24) + 2.5 * weatherNoise;
        double rh = clamp(61 - 1.6 * (temp - 10) + 8 * weatherNoise * -0.5 + 4 * gaussian(), 9.2, 88.7);
        double ah = absoluteHumidity(temp, rh);
        double s1 = clamp(700 + 190 * co + 30 * gaussian(), 647, 2040);
        double s2 = clamp(380 + 58 * c6h6 - 0.45 * c6h6 * c6h6 + 25 * gaussian(), 383, 2214);
        double s3 = clamp(1230 - 1.6 * nox + 40 * gaussian(), 322, 2683);
        double s4 = clamp(1150 + 12 * temp + 1.4 * no2 + 40 * gaussian(), 551, 2775);
        double s5 = clamp(450 + 290 * co + 60 * gaussian(), 221, 2523);

        boolean coMissing = coOut.next(random);
        boolean nmhcMissing = nmhcOut.next(random);
        boolean noxMissing = noxOut.next(random);
        boolean no2Missing = no2Out.next(random);
        boolean sensorsMissing = sensorOut.next(random);

        Double[] v = new Double[Measurement.ALL.size()];
        v[Measurement.CO_GT.ordinal()] = coMissing ? null : round(co, 1);
        v[Measurement.PT08_S1_CO.ordinal()] = sensorsMissing ? null : round(s1, 0);
        v[Measurement.NMHC_GT.ordinal()] = nmhcMissing ? null : round(nmhc, 0);
        v[Measurement.C6H6_GT.ordinal()] = sensorsMissing ? null : round(c6h6, 1);
        v[Measurement.PT08_S2_NMHC.ordinal()] = sensorsMissing ? null : round(s2, 0);
        v[Measurement.NOX_GT.ordinal()] = noxMissing ? null : round(nox, 0);
        v[Measurement.PT08_S3_NOX.ordinal()] = sensorsMissing ? null : round(s3, 0);
        v[Measurement.NO2_GT.ordinal()] = no2Missing ? null : round(no2, 0);
        v[Measurement.PT08_S4_NO2.ordinal()] = sensorsMissing ? null : round(s4, 0);
        v[Measurement.PT08_S5_O3.ordinal()] = sensorsMissing ? null : round(s5, 0);
        v[Measurement.T.ordinal()] = sensorsMissing ? null : round(temp, 1);
        v[Measurement.RH.ordinal()] = sensorsMissing ? null : round(rh, 1);
        v[Measurement.AH.ordinal()] = sensorsMissing ? null : round(ah, 4);
        return v;
    }

    /** The real file writes a missing CO as -200,0 in 91 of 1,683 cases, as -200 otherwise. */
    boolean coMissingWithDecimal() {
        return random.nextDouble() < 91.0 / 1683;
    }

    /**
     * Absolute humidity from temperature and relative humidity (Magnus formula, g/m3), scaled by 0.1318 to
     * the unit of the UCI file's AH column (its T=13.6, RH=48.9 gives 0.7578).
     */
    static double absoluteHumidity(double temp, double rh) {
        double saturation = 6.112 * Math.exp(17.67 * temp / (temp + 243.5));
        double gramsPerM3 = 216.7 * (rh / 100 * saturation) / (273.15 + temp);
        return Math.max(0.1847, 0.1318 * gramsPerM3);
    }

    private static double bump(double hour, double centre, double width) {
        double d = hour - centre;
        return Math.exp(-d * d / (2 * width * width));
    }

    private double gaussian() {
        // Box-Muller on the station's own stream (SplittableRandom has no nextGaussian in Java 17).
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
