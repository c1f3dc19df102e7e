package org.tandem.platform.boundary;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Tandem's compiled page templates (src/main/jte, compiled by the build into the packages their
 * folders name): rendered by name, with context-aware escaping. The class loader is the one that
 * loaded Tandem's own classes, so on Payara (WEB-INF/lib first) the templates come from the WAR.
 */
public final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "org.tandem");

    private Templates() {
    }

    /** The page a template draws with these parameters (by the names of its {@code @param}s). */
    public static String render(String template, Map<String, Object> parameters) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, parameters, new HtmlOutput(out));
        return out.toString();
    }
}
