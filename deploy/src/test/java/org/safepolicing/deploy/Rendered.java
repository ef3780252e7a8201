package org.safepolicing.deploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each overlay rendered once per test run; callers get deep copies they may change. */
final class Rendered {

    private static final Map<String, List<ObjectNode>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {
    }

    static List<ObjectNode> overlay(String name) {
        List<ObjectNode> docs = CACHE.computeIfAbsent(name, n -> Repo.documents(Kustomize.render(Repo.overlay(n))));
        return new java.util.ArrayList<>(docs.stream().map(ObjectNode::deepCopy).toList());
    }
}
