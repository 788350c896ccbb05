package com.sabiscore.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to write one ensemble head as an ONNX graph.
 *
 * @param featureNames the input columns, in order; the graph input is {@code [N, featureNames.size()]}
 * @param members      the members, in the stacker's order
 * @param metadata     extra metadata_props (model version, head, training range, metrics JSON ...)
 */
public record EnsembleDefinition(List<String> featureNames, List<EnsembleMember> members, Stacker stacker,
                                 Map<String, String> metadata) {

    public EnsembleDefinition {
        featureNames = List.copyOf(featureNames);
        members = List.copyOf(members);
        metadata = new LinkedHashMap<>(metadata);
        if (stacker.memberCount() != members.size()) {
            throw new IllegalArgumentException("stacker has " + stacker.memberCount() + " weight rows for "
                    + members.size() + " members");
        }
    }
}
