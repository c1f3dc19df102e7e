package org.tandem.demo.entity;

import java.util.Map;

/** A resource link in the demo course, with the custom parameters a trainer would set on it. */
public record DemoLink(String id, String title, String kind, Map<String, String> custom) {

    public DemoLink {
        custom = Map.copyOf(custom);
    }
}
