package org.tandem.lti.web;

import gg.jte.support.LocalizationSupport;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of the LTI library's own pages, from its own bundle ({@code org/tandem/lti/web/messages},
 * English as the base): the library knows nothing of the application's texts or how it chooses
 * a language. Its pages come before or outside a launch, so the browser's Accept-Language decides.
 */
public record LtiMessages(ResourceBundle bundle) implements LocalizationSupport {

    private static final String BUNDLE = "org.tandem.lti.web.messages";

    /** The first language of the Accept-Language header with a translation, else the English base. */
    public static LtiMessages forAcceptLanguage(String acceptLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    ResourceBundle translated = bundle(Locale.forLanguageTag(range.getRange()));
                    if (!translated.getLocale().getLanguage().isEmpty() || range.getRange().startsWith("en")) {
                        return new LtiMessages(translated);
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header asks for nothing: English
            }
        }
        return new LtiMessages(bundle(Locale.ROOT));
    }

    /** The bundle for a locale, never falling back to the server's own locale. */
    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, LtiMessages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Override
    public String lookup(String key) {
        return bundle.getString(key);
    }

    public String lang() {
        return lookup("page.lang");
    }
}
