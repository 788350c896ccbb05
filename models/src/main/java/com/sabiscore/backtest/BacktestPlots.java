package com.sabiscore.backtest;

import com.sabiscore.match.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The backtest's two pictures: a reliability diagram and the cumulative betting profit. */
public final class BacktestPlots {

    public static final String RELIABILITY_FILE = "reliability.png";
    public static final String PROFIT_FILE = "cumulative-profit.png";

    private BacktestPlots() {
    }

    /** Writes both PNGs into {@code directory}, creating it if needed. */
    public static void write(Path directory, CalibrationTable calibration, double[] cumulativeProfit) {
        // charts are drawn off-screen; a CI box has no display
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(directory);
            BitmapEncoder.saveBitmap(reliability(calibration), directory.resolve(RELIABILITY_FILE).toString(),
                    BitmapEncoder.BitmapFormat.PNG);
            BitmapEncoder.saveBitmap(profit(cumulativeProfit), directory.resolve(PROFIT_FILE).toString(),
                    BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plots to " + directory, e);
        }
    }

    static XYChart reliability(CalibrationTable calibration) {
        XYChart chart = new XYChartBuilder().width(800).height(640).title("Reliability (model, with-odds head)")
                .xAxisTitle("forecast probability").yAxisTitle("observed frequency").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries diagonal = chart.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        List<CalibrationTable.Bin> bins = calibration.bins();
        for (Outcome outcome : Outcome.values()) {
            double[] forecast = bins.stream().filter(b -> b.outcome() == outcome).mapToDouble(CalibrationTable.Bin::meanForecast).toArray();
            double[] observed = bins.stream().filter(b -> b.outcome() == outcome).mapToDouble(CalibrationTable.Bin::observedRate).toArray();
            if (forecast.length > 0) {
                chart.addSeries(outcome.name().toLowerCase(java.util.Locale.ROOT), forecast, observed);
            }
        }
        return chart;
    }

    static XYChart profit(double[] cumulativeProfit) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Cumulative profit of recommended bets")
                .xAxisTitle("bet number").yAxisTitle("profit (stake units)").build();
        double[] x = new double[Math.max(1, cumulativeProfit.length)];
        double[] y = new double[x.length];
        for (int i = 0; i < cumulativeProfit.length; i++) {
            x[i] = i + 1;
            y[i] = cumulativeProfit[i];
        }
        XYSeries series = chart.addSeries("profit", x, y);
        series.setMarker(SeriesMarkers.NONE);
        return chart;
    }
}
