package org.tandem.platform.boundary;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import org.owasp.encoder.Encode;

/**
 * jte's context-aware HTML output, with text between tags encoded like the OWASP encoder does
 * (quotes too, not only {@code & < >}): the migrated pages stay byte for byte what the pages
 * built in Java sent, which browser tests and platforms' screen scrapers already read.
 * Attributes, URLs and everything else keep jte's own context rules.
 */
final class HtmlOutput extends OwaspHtmlTemplateOutput {

    private final TemplateOutput target;
    private String tagName;
    private String attributeName;

    HtmlOutput(TemplateOutput target) {
        super(target);
        this.target = target;
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        super.setContext(tagName, attributeName);
        this.tagName = tagName;
        this.attributeName = attributeName;
    }

    @Override
    public void writeUserContent(String value) {
        boolean text = attributeName == null && (tagName == null || !tagName.equalsIgnoreCase("script"));
        if (value != null && text) {
            target.writeContent(Encode.forHtml(value));
        } else {
            super.writeUserContent(value);
        }
    }
}
