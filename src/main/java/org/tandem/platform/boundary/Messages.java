package org.tandem.platform.boundary;

import gg.jte.support.LocalizationSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;

/**
 * The words of Tandem's pages in one language: the {@code messages} bundle (British English is
 * the base, so a missing translation shows in English rather than as a key) for the language the
 * person uses. A translation is a file, never code: {@code messages_cy.properties} beside the base
 * makes every page Welsh for a launch or browser that asks for Welsh.
 *
 * <p>Templates call {@code t.localize("key", values…)}: the bundle's text is markup we wrote, the
 * values are escaped by jte like any other output. Java calls {@link #text} for plain text that a
 * template escapes later (titles, notices carried in a redirect).
 */
public final class Messages implements LocalizationSupport {

    static final String BUNDLE = "messages";
    /** The language of the base bundle, and the answer when nobody asks for one we have. */
    public static final Locale BRITISH_ENGLISH = Locale.UK;

    /** Bundles without the JVM's own locale as a fallback: a server set to German must not change the pages. */
    private static final ResourceBundle.Control CONTROL = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private Messages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static Messages of(Locale locale) {
        return new Messages(bundle(BUNDLE, locale));
    }

    /**
     * The language to answer in: the launch's {@code launch_presentation.locale} when Tandem speaks
     * it, else the first language of the browser's Accept-Language that it speaks, else British English.
     */
    public static Messages choose(Optional<String> launchLocale, String acceptLanguage) {
        return of(chooseLocale(BUNDLE, launchLocale, acceptLanguage));
    }

    static Locale chooseLocale(String baseName, Optional<String> launchLocale, String acceptLanguage) {
        List<Locale> wanted = new ArrayList<>();
        // LMSs write en_GB, en-gb or cy: normalise to a language tag
        launchLocale.map(l -> Locale.forLanguageTag(l.trim().replace('_', '-'))).ifPresent(wanted::add);
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                Locale.LanguageRange.parse(acceptLanguage).stream().map(Locale.LanguageRange::getRange)
                        .filter(range -> !range.contains("*")).map(Locale::forLanguageTag).forEach(wanted::add);
            } catch (IllegalArgumentException malformed) {
                // a malformed header asks for nothing
            }
        }
        return wanted.stream().filter(l -> spoken(baseName, l)).findFirst().orElse(BRITISH_ENGLISH);
    }

    /** A translation exists for the locale's language, or it is English (the base bundle). */
    private static boolean spoken(String baseName, Locale locale) {
        if (locale.getLanguage().isEmpty()) {
            return false;
        }
        return locale.getLanguage().equals("en") || !bundle(baseName, locale).getLocale().getLanguage().isEmpty();
    }

    static ResourceBundle bundle(String baseName, Locale locale) {
        return ResourceBundle.getBundle(baseName, locale, Messages.class.getClassLoader(), CONTROL);
    }

    /** The bundle's text for the key; a key missing from every bundle is a bug, not a blank on a page. */
    @Override
    public String lookup(String key) {
        return bundle.getString(key);
    }

    /** Plain text with {0}, {1}… filled in, for a template to escape where it is shown. */
    public String text(String key, Object... values) {
        return fill(lookup(key), values);
    }

    /** The {@code lang} of the page: the translation's own (each bundle names it, so a Welsh page says cy). */
    public String lang() {
        return lookup("page.lang");
    }

    public boolean has(String key) {
        try {
            bundle.getString(key);
            return true;
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /** The same placeholders as jte's localize ({n}, no MessageFormat quoting rules for translators to trip on). */
    static String fill(String pattern, Object... values) {
        Matcher m = LocalizationSupport.pattern.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(index < values.length ? String.valueOf(values[index]) : m.group()));
        }
        return m.appendTail(out).toString();
    }
}
