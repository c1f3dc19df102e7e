package org.tandem.catalogue.control;

/**
 * Markup that went through the content sanitiser: the one kind of HTML a page template writes
 * unescaped ({@code $unsafe{….markup()}}, and nowhere else — TemplateSourcesTest holds every
 * template to that). Only {@link MarkdownRenderer} makes one (the constructor is package-private,
 * which a record's cannot be), so trusted markup cannot come from a string by accident.
 */
public final class SafeHtml {

    static final SafeHtml EMPTY = new SafeHtml("");

    private final String markup;

    SafeHtml(String markup) {
        this.markup = markup;
    }

    public String markup() {
        return markup;
    }

    public boolean isEmpty() {
        return markup.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeHtml s && s.markup.equals(markup);
    }

    @Override
    public int hashCode() {
        return markup.hashCode();
    }

    /** Not the markup: gluing SafeHtml into a string must not pass for rendering it. */
    @Override
    public String toString() {
        return "SafeHtml[" + markup.length() + " chars]";
    }
}
