package com.sabiscore.serving;

import com.sabiscore.features.FeatureEngine;
import com.sabiscore.onnx.TinyModels;
import com.sabiscore.scoring.FixtureScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Model releases for tests: the committed models under another version, or tiny models with known answers. */
public final class Releases {

    private static final FeatureEngine ENGINE = FeatureEngine.withDefaults();

    private Releases() {
    }

    /** The committed {@code models/} folder. */
    public static Path committedFolder() {
        return Path.of(System.getProperty("sabiscore.repo.root"), "models");
    }

    /** The committed ensemble published as {@code version}. */
    public static ModelRelease committed(String version) {
        try {
            return ModelRelease.fromDirectory(committedFolder(), version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both heads predict 1/3 for every outcome: a cheap model whose forecasts are known. */
    public static ModelRelease uniform(String version) {
        return new ModelRelease(version,
                head(TinyModels.uniform(ENGINE.featureNames(true), 3, "with_odds", version), version),
                head(TinyModels.uniform(ENGINE.featureNames(false), 3, "without_odds", version), version));
    }

    /** {@code release} with its with-odds model replaced by {@code change} of it. */
    public static ModelRelease withOddsModel(ModelRelease release, UnaryOperator<byte[]> change) {
        return new ModelRelease(release.version(),
                new ModelRelease.Head(change.apply(release.withOdds().onnx()), release.withOdds().card()), release.withoutOdds());
    }

    /** Writes a release as {@code train} writes a folder: both ONNX models and their model cards. */
    public static Path writeTo(ModelRelease release, Path directory) {
        try {
            Files.createDirectories(directory);
            for (FixtureScorer.Head head : FixtureScorer.Head.values()) {
                String file = head == FixtureScorer.Head.WITH_ODDS ? FixtureScorer.WITH_ODDS_MODEL : FixtureScorer.WITHOUT_ODDS_MODEL;
                Files.write(directory.resolve(file), release.head(head).onnx());
                Files.writeString(directory.resolve(ModelRelease.cardFile(file)), release.head(head).card());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine's feature names of a head. */
    public static List<String> features(FixtureScorer.Head head) {
        return ENGINE.featureNames(head == FixtureScorer.Head.WITH_ODDS);
    }

    private static ModelRelease.Head head(byte[] onnx, String version) {
        return new ModelRelease.Head(onnx, "{\"model_version\":\"" + version + "\"}");
    }
}
