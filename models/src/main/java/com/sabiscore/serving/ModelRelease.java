package com.sabiscore.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sabiscore.onnx.ModelMetadata;
import com.sabiscore.scoring.FixtureScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One model version as it is published: both ensemble heads, each its ONNX bytes and model card
 * (JSON), as {@code bin/sabiscore train} writes them to a folder. Nothing is checked here: an
 * instance checks a release when it loads it ({@link ServingModels}), and refuses one that does
 * not fit.
 *
 * @param version the {@code model_version} every prediction of this release carries; each head's
 *                ONNX metadata must name the same
 */
public record ModelRelease(String version, Head withOdds, Head withoutOdds) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CARD_VERSION = "model_version";

    /** One head: the serialised ONNX model and its model card as JSON. */
    public record Head(byte[] onnx, String card) {
    }

    public Head head(FixtureScorer.Head head) {
        return head == FixtureScorer.Head.WITH_ODDS ? withOdds : withoutOdds;
    }

    /** Bytes of both ONNX models, the bulk of a release. */
    public long modelBytes() {
        return (long) withOdds.onnx().length + withoutOdds.onnx().length;
    }

    /**
     * Reads a folder as {@code train} writes it: {@value FixtureScorer#WITH_ODDS_MODEL},
     * {@value FixtureScorer#WITHOUT_ODDS_MODEL} and each one's {@code .model-card.json}.
     *
     * @param version null: the version the model cards name (both must name the same); otherwise
     *                this version is stamped into both ONNX models' metadata and both cards
     * @throws IOException              a file is missing or unreadable
     * @throws IllegalArgumentException a card is not JSON or names no version, the cards disagree,
     *                                  or a model to stamp is not ONNX
     */
    public static ModelRelease fromDirectory(Path directory, String version) throws IOException {
        Head odds = readHead(directory, FixtureScorer.WITH_ODDS_MODEL);
        Head plain = readHead(directory, FixtureScorer.WITHOUT_ODDS_MODEL);
        if (version == null) {
            String oddsVersion = cardVersion(odds.card(), FixtureScorer.WITH_ODDS_MODEL);
            String plainVersion = cardVersion(plain.card(), FixtureScorer.WITHOUT_ODDS_MODEL);
            if (!oddsVersion.equals(plainVersion)) {
                throw new IllegalArgumentException("the model cards in " + directory + " name two versions, " + oddsVersion
                        + " and " + plainVersion + ": give one with --version");
            }
            return new ModelRelease(oddsVersion, odds, plain);
        }
        return new ModelRelease(version, odds, plain).withVersion(version);
    }

    /** This release under another version: stamped into both models' metadata and both cards. */
    public ModelRelease withVersion(String newVersion) {
        return new ModelRelease(newVersion, stamped(withOdds, newVersion), stamped(withoutOdds, newVersion));
    }

    private static Head stamped(Head head, String version) {
        ObjectNode card = cardOf(head.card(), "the model card");
        card.put(CARD_VERSION, version);
        try {
            return new Head(ModelMetadata.withEntry(head.onnx(), ModelMetadata.MODEL_VERSION, version),
                    JSON.writeValueAsString(card) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Head readHead(Path directory, String modelFile) throws IOException {
        byte[] onnx = Files.readAllBytes(directory.resolve(modelFile));
        String card = Files.readString(directory.resolve(cardFile(modelFile)));
        return new Head(onnx, card);
    }

    /** {@code sabiscore-odds.onnx} → {@code sabiscore-odds.model-card.json}, as {@code train} names it. */
    public static String cardFile(String modelFile) {
        return modelFile.replace(".onnx", "") + ".model-card.json";
    }

    private static String cardVersion(String card, String modelFile) {
        JsonNode version = cardOf(card, cardFile(modelFile)).get(CARD_VERSION);
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new IllegalArgumentException(cardFile(modelFile) + " names no " + CARD_VERSION + ": give one with --version");
        }
        return version.asText();
    }

    private static ObjectNode cardOf(String card, String name) {
        try {
            if (JSON.readTree(card) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        throw new IllegalArgumentException(name + " is not a JSON object");
    }
}
